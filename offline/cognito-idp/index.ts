export { createUserPool, type OfflineUserPool, type UserPoolOptions } from './user-pool';
export { createUserPoolContext, type UserPoolContext } from './pool-context';
export { cognitoIdpSigningName, cognitoIdpTargetPrefix } from './service';
export { TokenRejectedError, type IdTokenClaims, type AccessTokenClaims, type TokenRejection } from './tokens';
export type { JwksEndpoint } from './jwks';
export type { DeclaredUserSummary } from './declared-users';
export type { MessageLogger } from './user-pool-state';
export { standardScryptCost, type ScryptCost } from './password-hash';
