/**
 * Every ARN, endpoint and generated name the offline runtime hands out or
 * matches, in one place, in AWS's formats (partition `aws`).
 */
export interface AccountRegion {
  accountId: string;
  region: string;
}

export const arns = {
  accountRoot: (accountId: string) => `arn:aws:iam::${accountId}:root`,
  /** `path` is `/` or `/division/`; IAM puts it between `role` and the name. */
  role: (accountId: string, name: string, path = '/') => `arn:aws:iam::${accountId}:role${path}${name}`,
  /** The session of a role, as STS names it: `assumed-role/<role>/<session>`. */
  assumedRole: (accountId: string, roleName: string, sessionName: string) =>
    `arn:aws:sts::${accountId}:assumed-role/${roleName}/${sessionName}`,
  awsManagedPolicy: (name: string) => `arn:aws:iam::aws:policy/${name}`,
  customerManagedPolicy: (accountId: string, name: string, path = '/') => `arn:aws:iam::${accountId}:policy${path}${name}`,
  userPool: ({ accountId, region }: AccountRegion, userPoolId: string) =>
    `arn:aws:cognito-idp:${region}:${accountId}:userpool/${userPoolId}`,
  identityPool: ({ accountId, region }: AccountRegion, identityPoolId: string) =>
    `arn:aws:cognito-identity:${region}:${accountId}:identitypool/${identityPoolId}`,
  secret: ({ accountId, region }: AccountRegion, name: string, suffix: string) =>
    `arn:aws:secretsmanager:${region}:${accountId}:secret:${name}-${suffix}`,
  /** A secret named without its random suffix, as IAM sees a request that names it so. */
  secretWithoutSuffix: ({ accountId, region }: AccountRegion, name: string) =>
    `arn:aws:secretsmanager:${region}:${accountId}:secret:${name}`,
  table: ({ accountId, region }: AccountRegion, tableName: string) => `arn:aws:dynamodb:${region}:${accountId}:table/${tableName}`,
  tableIndex: (tableArn: string, indexName: string) => `${tableArn}/index/${indexName}`,
  function: ({ accountId, region }: AccountRegion, functionName: string) =>
    `arn:aws:lambda:${region}:${accountId}:function:${functionName}`,
  /** What an API Gateway integration's URI names to invoke a function. */
  functionInvoke: (region: string, functionArn: string) =>
    `arn:aws:apigateway:${region}:lambda:path/2015-03-31/functions/${functionArn}/invocations`,
  restApi: (region: string, restApiId: string) => `arn:aws:apigateway:${region}::/restapis/${restApiId}`,
  restApiStage: (region: string, restApiId: string, stage: string) =>
    `arn:aws:apigateway:${region}::/restapis/${restApiId}/stages/${stage}`,
  /** `arn:aws:execute-api:<region>:<account>:<apiId>`: what IAM policies on the API start with. */
  executeApi: ({ accountId, region }: AccountRegion, restApiId: string) => `arn:aws:execute-api:${region}:${accountId}:${restApiId}`,
  /** The method ARN IAM evaluates for a call: `<executeApi>/<stage>/<METHOD>/<path>`. */
  executeApiMethod: (account: AccountRegion, restApiId: string, stage: string, method: string, path: string) =>
    `${arns.executeApi(account, restApiId)}/${stage}/${method}${path}`,
  eventRule: ({ accountId, region }: AccountRegion, ruleName: string, eventBus = 'default') =>
    eventBus === 'default'
      ? `arn:aws:events:${region}:${accountId}:rule/${ruleName}`
      : `arn:aws:events:${region}:${accountId}:rule/${eventBus}/${ruleName}`,
  /** A regional web ACL: `arn:aws:wafv2:<region>:<account>:regional/webacl/<name>/<id>`. */
  regionalWebAcl: ({ accountId, region }: AccountRegion, name: string, id: string) =>
    `arn:aws:wafv2:${region}:${accountId}:regional/webacl/${name}/${id}`,
  logGroup: ({ accountId, region }: AccountRegion, name: string) => `arn:aws:logs:${region}:${accountId}:log-group:${name}`,
};

/** The function ARN inside an integration URI, or undefined when the URI does not invoke a Lambda function. */
export function functionArnOfInvokeUri(uri: string): string | undefined {
  return /^arn:aws:apigateway:[a-z0-9-]+:lambda:path\/2015-03-31\/functions\/(arn:aws:lambda:[^/]+)\/invocations$/.exec(uri)?.[1];
}

/** `cognito-idp.<region>.amazonaws.com/<poolId>`: a user pool as a login provider (and its tokens' issuer host). */
export function userPoolProviderName(region: string, userPoolId: string): string {
  return `cognito-idp.${region}.amazonaws.com/${userPoolId}`;
}

/** The session name Cognito gives every role session it opens. */
export const cognitoRoleSessionName = 'CognitoIdentityCredentials';
