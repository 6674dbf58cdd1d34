import { callerRoleNames, iamRoleName } from './caller-roles';
import { allFunctions, deployedFunctionName, type FunctionDefinition } from './functions';
import { identityPoolName } from './identity-pool';
import { apiStage, restApiName } from './routes';
import { tableName } from './table';
import { testUsersSecretName } from './test-users';
import { userPoolClientName, userPoolName } from './user-pool';

/**
 * Every name the stacks derive from the settings' prefix, with the longest name
 * its service accepts. The prefix setting's own limit is computed from this list,
 * so a prefix the settings accept always gives names AWS accepts.
 */

export function functionRoleName(prefix: string, fn: FunctionDefinition): string {
  return `${deployedFunctionName(prefix, fn)}-role`;
}

export function functionLogGroupName(prefix: string, fn: FunctionDefinition): string {
  return `/aws/lambda/${deployedFunctionName(prefix, fn)}`;
}

export function stageLogGroupName(prefix: string): string {
  return `/aws/apigateway/${restApiName(prefix)}/${apiStage}`;
}

export function tokenRotationRuleName(prefix: string): string {
  return `${prefix}-rotate-shop-tokens`;
}

export function webAclName(prefix: string): string {
  return `${prefix}-api`;
}

/** The web ACL's CloudWatch metric names: the ACL's own and one per rule. */
export function webAclMetricNames(prefix: string): { acl: string; ratePerIp: string; commonRules: string } {
  const acl = webAclName(prefix);
  return { acl, ratePerIp: `${acl}-rate-per-ip`, commonRules: `${acl}-common-rules` };
}

export function apiGatewayCloudWatchRoleName(prefix: string): string {
  return `${prefix}-ApiGatewayCloudWatch`;
}

/** The web stack's names: the bucket's prefix (S3 adds a unique suffix), its CloudFront access control and headers policy. */
export function webBucketPrefix(prefix: string): string {
  return `${prefix}-web-`;
}

export function webOriginAccessControlName(prefix: string): string {
  return `${prefix}-web`;
}

export function webHeadersPolicyName(prefix: string): string {
  return `${prefix}-web-headers`;
}

export interface NamedResource {
  /** What carries the name, as a reader of an error message knows it. */
  readonly what: string;
  readonly name: string;
  /** The longest name the service accepts. */
  readonly maxLength: number;
}

const limits = {
  iamRoleName: 64,
  lambdaFunctionName: 64,
  logGroupName: 512,
  dynamodbTableName: 255,
  cognitoPoolName: 128,
  cognitoClientName: 128,
  identityPoolName: 128,
  restApiName: 1024,
  secretName: 512,
  eventRuleName: 64,
  wafName: 128,
  wafMetricName: 128,
  /** Terraform's bucket_prefix: 63 for a bucket name less its 26-character unique suffix. */
  s3BucketPrefix: 37,
  cloudFrontOriginAccessControlName: 64,
  cloudFrontResponseHeadersPolicyName: 128,
} as const;

export function namedResources(prefix: string): NamedResource[] {
  const metrics = webAclMetricNames(prefix);
  return [
    ...callerRoleNames.map((role) => ({ what: 'IAM role', name: iamRoleName(prefix, role), maxLength: limits.iamRoleName })),
    ...allFunctions.flatMap((fn) => [
      { what: 'Lambda function', name: deployedFunctionName(prefix, fn), maxLength: limits.lambdaFunctionName },
      { what: 'IAM role', name: functionRoleName(prefix, fn), maxLength: limits.iamRoleName },
      { what: 'CloudWatch log group', name: functionLogGroupName(prefix, fn), maxLength: limits.logGroupName },
    ]),
    { what: 'IAM role', name: apiGatewayCloudWatchRoleName(prefix), maxLength: limits.iamRoleName },
    { what: 'DynamoDB table', name: tableName(prefix), maxLength: limits.dynamodbTableName },
    { what: 'Cognito user pool', name: userPoolName(prefix), maxLength: limits.cognitoPoolName },
    { what: 'Cognito user pool client', name: userPoolClientName(prefix), maxLength: limits.cognitoClientName },
    { what: 'Cognito identity pool', name: identityPoolName(prefix), maxLength: limits.identityPoolName },
    { what: 'API Gateway REST API', name: restApiName(prefix), maxLength: limits.restApiName },
    { what: 'CloudWatch log group', name: stageLogGroupName(prefix), maxLength: limits.logGroupName },
    { what: 'Secrets Manager secret', name: testUsersSecretName(prefix), maxLength: limits.secretName },
    { what: 'EventBridge rule', name: tokenRotationRuleName(prefix), maxLength: limits.eventRuleName },
    { what: 'AWS WAF web ACL', name: webAclName(prefix), maxLength: limits.wafName },
    ...Object.values(metrics).map((name) => ({ what: 'AWS WAF metric', name, maxLength: limits.wafMetricName })),
    { what: 'S3 bucket prefix', name: webBucketPrefix(prefix), maxLength: limits.s3BucketPrefix },
    { what: 'CloudFront origin access control', name: webOriginAccessControlName(prefix), maxLength: limits.cloudFrontOriginAccessControlName },
    { what: 'CloudFront response headers policy', name: webHeadersPolicyName(prefix), maxLength: limits.cloudFrontResponseHeadersPolicyName },
  ];
}

/** The longest prefix every derived name allows, and the name that sets the bound. */
export function prefixLimit(): { maxLength: number; boundBy: NamedResource } {
  // Lengths are measured with a one-character prefix; every name holds it once.
  const probe = 'p';
  let bound: { maxLength: number; boundBy: NamedResource } | undefined;
  for (const resource of namedResources(probe)) {
    const room = resource.maxLength - (resource.name.length - probe.length);
    if (!bound || room < bound.maxLength) bound = { maxLength: room, boundBy: resource };
  }
  if (!bound) throw new Error('No named resources');
  return bound;
}
