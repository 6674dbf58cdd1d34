import { iamRoleName, type CallerRole } from '../../platform/caller-roles';
import { identityPool, identityPoolName } from '../../platform/identity-pool';
import { localAccountId, roleArn } from '../credentials/types';

export interface IdentityPoolContext {
  region: string;
  accountId: string;
  prefix: string;
  identityPoolId: string;
  identityPoolName: string;
  identityPoolArn: string;
  allowUnauthenticatedIdentities: boolean;
  allowClassicFlow: boolean;
  /** The user pool as login provider: `cognito-idp.<region>.amazonaws.com/<poolId>`, the Logins key. */
  providerName: string;
  clientId: string;
}

export function identityPoolArn(region: string, identityPoolId: string, accountId = localAccountId): string {
  return `arn:aws:cognito-identity:${region}:${accountId}:identitypool/${identityPoolId}`;
}

export function createIdentityPoolContext(input: {
  region: string;
  prefix: string;
  identityPoolId: string;
  providerName: string;
  clientId: string;
}): IdentityPoolContext {
  return {
    region: input.region,
    accountId: localAccountId,
    prefix: input.prefix,
    identityPoolId: input.identityPoolId,
    identityPoolName: identityPoolName(input.prefix),
    identityPoolArn: identityPoolArn(input.region, input.identityPoolId),
    allowUnauthenticatedIdentities: identityPool.allowUnauthenticatedIdentities,
    allowClassicFlow: identityPool.allowClassicFlow,
    providerName: input.providerName,
    clientId: input.clientId,
  };
}

export function callerRoleArn(context: IdentityPoolContext, role: CallerRole): string {
  return roleArn(iamRoleName(context.prefix, role), context.accountId);
}
