import { userPoolClientName, userPoolName, userPoolProviderName } from '../../platform/user-pool';
import { localAccountId } from '../credentials/types';

/** The one user pool and app client, with the generated ids of this data directory. */
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
}

export function userPoolArn(region: string, userPoolId: string, accountId = localAccountId): string {
  return `arn:aws:cognito-idp:${region}:${accountId}:userpool/${userPoolId}`;
}

export function createUserPoolContext(input: {
  region: string;
  prefix: string;
  userPoolId: string;
  clientId: string;
  createdAt: number;
}): UserPoolContext {
  const providerName = userPoolProviderName(input.region, input.userPoolId);
  return {
    region: input.region,
    accountId: localAccountId,
    userPoolId: input.userPoolId,
    userPoolName: userPoolName(input.prefix),
    userPoolArn: userPoolArn(input.region, input.userPoolId),
    createdAt: input.createdAt,
    clientId: input.clientId,
    clientName: userPoolClientName(input.prefix),
    issuer: `https://${providerName}`,
    providerName,
  };
}

/** AWS JSON timestamps are epoch seconds. */
export function epochSeconds(milliseconds: number): number {
  return milliseconds / 1000;
}
