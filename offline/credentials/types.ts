/** The one account the offline runtime emulates. */
export const localAccountId = '000000000000';

export interface RootPrincipal {
  kind: 'root';
  arn: string;
}

export type AuthenticationType = 'authenticated' | 'unauthenticated';

/** A session of an identity-pool role, as STS would describe it. */
export interface AssumedRolePrincipal {
  kind: 'assumed-role';
  roleName: string;
  /** `arn:aws:iam::000000000000:role/<roleName>` */
  roleArn: string;
  /** `arn:aws:sts::000000000000:assumed-role/<roleName>/CognitoIdentityCredentials` */
  arn: string;
  identityPoolId: string;
  identityId: string;
  authenticationType: AuthenticationType;
  /**
   * What API Gateway reports as `cognitoAuthenticationProvider`:
   * `cognito-idp.<region>.amazonaws.com/<poolId>,cognito-idp.<region>.amazonaws.com/<poolId>:CognitoSignIn:<sub>`.
   * Absent for guests.
   */
  authenticationProvider?: string;
  /** Session tags; `${aws:PrincipalTag/...}` in policies resolves against these. */
  principalTags: Record<string, string>;
}

export type CallerPrincipal = RootPrincipal | AssumedRolePrincipal;

/** What the SigV4 verifier needs to check a request signed with `accessKeyId`. */
export interface CredentialLookup {
  accessKeyId: string;
  secretAccessKey: string;
  /** Temporary credentials only: requests must carry it as `X-Amz-Security-Token`. */
  sessionToken?: string;
  /** Temporary credentials only. */
  expiresAt?: Date;
  /** True once `expiresAt` has passed; the verifier must reject the request (AWS: `ExpiredTokenException`). */
  expired: boolean;
  principal: CallerPrincipal;
}

export interface StaticCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

export interface IssuedCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiresAt: Date;
}

/** What the identity pool asks for when it hands out a role session. */
export interface RoleSessionRequest {
  roleName: string;
  identityPoolId: string;
  identityId: string;
  authenticationType: AuthenticationType;
  authenticationProvider?: string;
  principalTags: Record<string, string>;
}

export function rootArn(accountId = localAccountId): string {
  return `arn:aws:iam::${accountId}:root`;
}

export function roleArn(roleName: string, accountId = localAccountId): string {
  return `arn:aws:iam::${accountId}:role/${roleName}`;
}

/** Cognito names every session it opens `CognitoIdentityCredentials`. */
export const cognitoRoleSessionName = 'CognitoIdentityCredentials';

export function assumedRoleArn(roleName: string, accountId = localAccountId): string {
  return `arn:aws:sts::${accountId}:assumed-role/${roleName}/${cognitoRoleSessionName}`;
}
