import type { ResourceType } from './resource-type';
import { apiGatewayAccount, apiGatewayDeployment, apiGatewayMethodSettings, apiGatewayRestApi, apiGatewayStage } from './types/api-gateway';
import { cognitoIdentityPool, cognitoIdentityPoolProviderPrincipalTag, cognitoIdentityPoolRolesAttachment } from './types/cognito-identity-pool';
import { cognitoUser, cognitoUserPool, cognitoUserPoolClient } from './types/cognito-user-pool';
import { dynamodbTable, dynamodbTableItem } from './types/dynamodb';
import { cloudwatchEventRule, cloudwatchEventTarget } from './types/eventbridge';
import { iamPolicy, iamRole, iamRolePolicy, iamRolePolicyAttachment } from './types/iam';
import { lambdaFunction, lambdaInvocation, lambdaPermission } from './types/lambda';
import { cloudwatchLogGroup } from './types/not-emulated';
import { secretsManagerSecret } from './types/secrets-manager';
import { wafv2WebAcl, wafv2WebAclAssociation } from './types/wafv2';
import {
  cloudfrontDistribution,
  cloudfrontOriginAccessControl,
  cloudfrontResponseHeadersPolicy,
  s3Bucket,
  s3BucketEncryption,
  s3BucketOwnershipControls,
  s3BucketPolicy,
  s3BucketPublicAccessBlock,
  s3Object,
} from './types/web-hosting';

/**
 * Every Terraform resource type the offline runtime knows: emulated (read into
 * the deployment) or declared not emulated (listed by `--explain`). A type in
 * neither list stops the start.
 */
export const resourceTypes: ReadonlyMap<string, ResourceType> = new Map(
  [
    cognitoUserPool,
    cognitoUserPoolClient,
    cognitoUser,
    cognitoIdentityPool,
    cognitoIdentityPoolProviderPrincipalTag,
    cognitoIdentityPoolRolesAttachment,
    iamRole,
    iamRolePolicy,
    iamRolePolicyAttachment,
    iamPolicy,
    secretsManagerSecret,
    lambdaFunction,
    lambdaPermission,
    lambdaInvocation,
    dynamodbTable,
    dynamodbTableItem,
    apiGatewayRestApi,
    apiGatewayDeployment,
    apiGatewayStage,
    apiGatewayMethodSettings,
    cloudwatchEventRule,
    cloudwatchEventTarget,
    wafv2WebAcl,
    wafv2WebAclAssociation,
    apiGatewayAccount,
    cloudwatchLogGroup,
    s3Bucket,
    s3BucketPublicAccessBlock,
    s3BucketOwnershipControls,
    s3BucketEncryption,
    s3BucketPolicy,
    s3Object,
    cloudfrontOriginAccessControl,
    cloudfrontResponseHeadersPolicy,
    cloudfrontDistribution,
  ].map((type) => [type.type, type]),
);
