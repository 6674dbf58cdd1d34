import type { IdentityPoolConfig } from '../deployment/model';

/** The identity pool as the stacks declare it, with the ids of this data directory. */
export interface IdentityPoolContext {
  region: string;
  accountId: string;
  identityPoolId: string;
  identityPoolName: string;
  identityPoolArn: string;
  config: IdentityPoolConfig;
}

export function createIdentityPoolContext(input: { region: string; accountId: string; config: IdentityPoolConfig }): IdentityPoolContext {
  return {
    region: input.region,
    accountId: input.accountId,
    identityPoolId: input.config.id,
    identityPoolName: input.config.name,
    identityPoolArn: input.config.arn,
    config: input.config,
  };
}
