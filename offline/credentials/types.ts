import { localAccount } from '../local-account';

export const localAccountId = localAccount.accountId;

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
  /** `cognito-identity.amazonaws.com:amr` of the web identity the session was opened for. */
  amr: string[];
  /** Session policies the session was opened with (guests of the enhanced flow), by set name. */
  sessionPolicySet?: string;
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
  roleArn: string;
  identityPoolId: string;
  identityId: string;
  authenticationType: AuthenticationType;
  authenticationProvider?: string;
  principalTags: Record<string, string>;
  amr: string[];
  sessionPolicySet?: string;
}
