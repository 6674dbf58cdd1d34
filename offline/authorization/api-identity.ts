import type { APIGatewayEventIdentity } from 'aws-lambda';
import type { IamRoles } from '../iam/roles';
import { sessionUserId, type RuntimePrincipal } from './principals';

/**
 * `requestContext.identity` as API Gateway fills it for an AWS_IAM call;
 * `sourceIp` and `userAgent` are added per request.
 */
export function apiGatewayIdentity(roles: IamRoles, principal: RuntimePrincipal, accessKeyId: string, accountId: string): APIGatewayEventIdentity {
  const base = {
    accessKey: accessKeyId,
    accountId,
    apiKey: null,
    apiKeyId: null,
    clientCert: null,
    principalOrgId: null,
    sourceIp: '',
    userAgent: null,
  };
  if (principal.kind === 'root') {
    return {
      ...base,
      caller: accountId,
      user: accountId,
      userArn: principal.arn,
      cognitoAuthenticationProvider: null,
      cognitoAuthenticationType: null,
      cognitoIdentityId: null,
      cognitoIdentityPoolId: null,
    };
  }
  const caller = sessionUserId(roles, principal);
  const cognito =
    principal.kind === 'assumed-role'
      ? {
          cognitoAuthenticationProvider: principal.authenticationProvider ?? null,
          cognitoAuthenticationType: principal.authenticationType,
          cognitoIdentityId: principal.identityId,
          cognitoIdentityPoolId: principal.identityPoolId,
        }
      : {
          cognitoAuthenticationProvider: null,
          cognitoAuthenticationType: null,
          cognitoIdentityId: null,
          cognitoIdentityPoolId: null,
        };
  return { ...base, caller, user: caller, userArn: principal.arn, ...cognito };
}
