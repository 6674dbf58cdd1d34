export { createCognitoIdentityService, cognitoIdentitySigningName, cognitoIdentityTargetPrefix } from './service';
export { createIdentityPoolContext, type IdentityPoolContext } from './pool-context';
export { IdentityStore, type Identity } from './identity-store';
export type { IdentityPoolState } from './operations';
export type { IdTokenVerifier } from './logins';
export { guestSessionPolicies, guestSessionPolicySet } from './guest-session-policies';
