import { notAuthorized } from '../aws-json/errors';
import type { IdTokenClaims } from '../cognito-idp/tokens';
import { TokenRejectedError, type TokenRejection } from '../cognito-idp/tokens';
import type { IdentityPoolContext } from './pool-context';

export type IdTokenVerifier = (token: string) => Promise<IdTokenClaims>;

const rejectionMessages: Record<Exclude<TokenRejection, 'missing-claim'>, string> = {
  expired: 'Invalid login token. Token expired.',
  'wrong-issuer': "Invalid login token. Issuer doesn't match providerName",
  'wrong-audience': 'Invalid login token. Incorrect token audience.',
  'wrong-use': 'Invalid login token. Not a valid OpenId Connect identity token.',
  invalid: 'Invalid login token. Not a valid OpenId Connect identity token.',
};

/**
 * Checks a Logins map: only this pool's user pool is a provider, and its value
 * must be a valid ID token of the pool's app client. Returns the verified
 * claims, or undefined when no login was presented (a guest).
 */
export async function verifyLogins(
  context: IdentityPoolContext,
  verifyIdToken: IdTokenVerifier,
  logins: Record<string, string> | undefined,
): Promise<IdTokenClaims | undefined> {
  if (!logins) return undefined;
  const providers = Object.keys(logins);
  if (providers.length === 0) return undefined;
  if (providers.some((provider) => provider !== context.providerName)) {
    throw notAuthorized('Token is not from a supported provider of this identity pool.');
  }
  try {
    return await verifyIdToken(logins[context.providerName]);
  } catch (error: unknown) {
    if (error instanceof TokenRejectedError) {
      // An access token, for one, has no `aud`: AWS names the missing claim.
      throw notAuthorized(error.rejection === 'missing-claim' ? `Invalid login token. ${error.message}` : rejectionMessages[error.rejection]);
    }
    throw error;
  }
}
