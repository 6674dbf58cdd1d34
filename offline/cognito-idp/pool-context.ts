import { userPoolProviderName } from '../aws/arns';
import type { UserPoolClientConfig, UserPoolConfig } from '../deployment/model';

/** The user pool and its app client as the stacks declare them, with the ids of this data directory. */
export interface UserPoolContext {
  region: string;
  accountId: string;
  userPoolId: string;
  userPoolName: string;
  userPoolArn: string;
  createdAt: number;
  clientId: string;
  clientName: string;
  /** `https://cognito-idp.<region>.amazonaws.com/<poolId>`: the tokens' `iss`. */
  issuer: string;
  /** `cognito-idp.<region>.amazonaws.com/<poolId>`: the identity pool's provider name and Logins key. */
  providerName: string;
  config: UserPoolConfig;
  client: UserPoolClientConfig;
}

export function createUserPoolContext(input: {
  region: string;
  accountId: string;
  pool: UserPoolConfig;
  client: UserPoolClientConfig;
}): UserPoolContext {
  const providerName = userPoolProviderName(input.region, input.pool.id);
  return {
    region: input.region,
    accountId: input.accountId,
    userPoolId: input.pool.id,
    userPoolName: input.pool.name,
    userPoolArn: input.pool.arn,
    createdAt: input.pool.createdAt,
    clientId: input.client.id,
    clientName: input.client.name,
    issuer: `https://${providerName}`,
    providerName,
    config: input.pool,
    client: input.client,
  };
}

/** AWS JSON timestamps are epoch seconds. */
export function epochSeconds(milliseconds: number): number {
  return milliseconds / 1000;
}
