import { notAuthorized } from '../aws-json/errors';
import type { IdTokenClaims } from '../cognito-idp/tokens';
import { TokenRejectedError, type TokenRejection } from '../cognito-idp/tokens';
import type { IdentityPoolContext } from './pool-context';

/** Verifies an ID token of one user pool (signature, issuer, expiry, `token_use`, `aud` = its app client). */
export type IdTokenVerifier = (token: string) => Promise<IdTokenClaims>;

/** A login the identity pool accepted: which provider vouched for whom. */
export interface VerifiedLogin {
  providerName: string;
  clientId: string;
  claims: IdTokenClaims;
}

const rejectionMessages: Record<Exclude<TokenRejection, 'missing-claim'>, string> = {
  expired: 'Invalid login token. Token expired.',
  'wrong-issuer': "Invalid login token. Issuer doesn't match providerName",
  'wrong-audience': 'Invalid login token. Incorrect token audience.',
  'wrong-use': 'Invalid login token. Not a valid OpenId Connect identity token.',
  invalid: 'Invalid login token. Not a valid OpenId Connect identity token.',
};

/**
 * Checks a Logins map: every key must be a provider of the pool, and its value a
 * valid ID token of that provider's app client. Undefined when no login was
 * presented (a guest).
 */
export async function verifyLogins(
  context: IdentityPoolContext,
  verifiers: ReadonlyMap<string, IdTokenVerifier>,
  logins: Record<string, string> | undefined,
): Promise<VerifiedLogin | undefined> {
  if (!logins) return undefined;
  const names = Object.keys(logins);
  if (names.length === 0) return undefined;
  const providers = context.config.providers;
  if (names.some((name) => !providers.some((provider) => provider.providerName === name))) {
    throw notAuthorized('Token is not from a supported provider of this identity pool.');
  }
  if (names.length > 1) throw notAuthorized('The offline identity pool accepts one login at a time.');
  const provider = providers.find((candidate) => candidate.providerName === names[0]);
  const verify = verifiers.get(names[0]);
  if (!provider || !verify) throw notAuthorized('Token is not from a supported provider of this identity pool.');
  try {
    const claims = await verify(logins[names[0]]);
    if (claims.aud !== provider.clientId) throw notAuthorized(rejectionMessages['wrong-audience']);
    return { providerName: provider.providerName, clientId: provider.clientId, claims };
  } catch (error: unknown) {
    if (error instanceof TokenRejectedError) {
      // An access token, for one, has no `aud`: AWS names the missing claim.
      throw notAuthorized(error.rejection === 'missing-claim' ? `Invalid login token. ${error.message}` : rejectionMessages[error.rejection]);
    }
    throw error;
  }
}
