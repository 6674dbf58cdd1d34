import type { CallerPrincipal } from '../credentials/types';
import type { RequestContextInput } from '../iam';
import type { IamRoles } from '../iam/roles';
import type { FunctionPrincipal } from './function-credentials';

/** Anyone a verified request can come from. */
export type RuntimePrincipal = CallerPrincipal | FunctionPrincipal;

/** `aws:userid` of a role session, which API Gateway also reports as its caller: `AROA…:<session name>`. */
export function sessionUserId(roles: IamRoles, principal: Exclude<RuntimePrincipal, { kind: 'root' }>): string {
  const uniqueId = roles.role(principal.roleArn)?.uniqueId ?? 'AROAUNKNOWNROLE';
  return `${uniqueId}:${principal.arn.split('/').pop() ?? ''}`;
}

/**
 * The global condition keys IAM sets for a principal: `aws:PrincipalArn`,
 * `aws:PrincipalTag/*`, `aws:userid`, and for a web identity session the
 * `cognito-identity.amazonaws.com:*` keys of the identity it was opened for.
 */
export function principalContext(roles: IamRoles, principal: RuntimePrincipal, accountId: string): RequestContextInput {
  if (principal.kind === 'root') {
    return { 'aws:PrincipalArn': principal.arn, 'aws:PrincipalAccount': accountId, 'aws:userid': accountId };
  }
  const context: Record<string, string | string[]> = {
    'aws:PrincipalArn': principal.roleArn,
    'aws:PrincipalAccount': accountId,
    'aws:userid': sessionUserId(roles, principal),
  };
  if (principal.kind === 'assumed-role') {
    for (const [key, value] of Object.entries(principal.principalTags)) context[`aws:PrincipalTag/${key}`] = value;
    context['cognito-identity.amazonaws.com:aud'] = principal.identityPoolId;
    context['cognito-identity.amazonaws.com:sub'] = principal.identityId;
    context['cognito-identity.amazonaws.com:amr'] = principal.amr;
  }
  return context;
}
