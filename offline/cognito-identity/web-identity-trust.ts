import { AwsServiceError } from '../aws-json/errors';
import type { IamRoles } from '../iam/roles';

/** What Cognito presents to STS when it assumes a role for an identity (AssumeRoleWithWebIdentity). */
export interface WebIdentityRequest {
  roleArn: string;
  identityPoolId: string;
  identityId: string;
  amr: string[];
  principalTags: Record<string, string>;
}

export function invalidPoolConfiguration(): AwsServiceError {
  return new AwsServiceError('InvalidIdentityPoolConfigurationException', 'Invalid identity pool configuration. Check assigned IAM roles for this pool.');
}

/**
 * STS's side of the enhanced flow: the role must exist and its trust policy must
 * let `cognito-identity.amazonaws.com` assume it for this identity pool (`aud`),
 * this kind of login (`amr`) and this identity (`sub`) — and tag the session,
 * when Cognito passes principal tags. Otherwise no credentials, as on AWS.
 */
export function assertRoleTrustsIdentity(roles: IamRoles, request: WebIdentityRequest): { roleName: string; roleArn: string } {
  const role = roles.role(request.roleArn);
  if (!role || role.arn !== request.roleArn) throw invalidPoolConfiguration();
  const tagKeys = Object.keys(request.principalTags);
  const context = {
    'cognito-identity.amazonaws.com:aud': request.identityPoolId,
    'cognito-identity.amazonaws.com:amr': request.amr,
    'cognito-identity.amazonaws.com:sub': request.identityId,
    ...Object.fromEntries(Object.entries(request.principalTags).map(([key, value]) => [`aws:RequestTag/${key}`, value])),
    ...(tagKeys.length > 0 ? { 'aws:TagKeys': tagKeys } : {}),
  };
  const principal = { type: 'Federated' as const, id: 'cognito-identity.amazonaws.com' };
  const actions = ['sts:AssumeRoleWithWebIdentity', ...(tagKeys.length > 0 ? ['sts:TagSession'] : [])];
  for (const action of actions) {
    if (roles.trust(role.arn, { principal, action, context })?.decision !== 'Allow') throw invalidPoolConfiguration();
  }
  return { roleName: role.name, roleArn: role.arn };
}
