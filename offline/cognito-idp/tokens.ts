import { randomUUID } from 'node:crypto';
import { SignJWT, errors, jwtVerify, type JWTPayload } from 'jose';
import type { Clock } from '../state/clock';
import type { SigningKey } from '../state/signing-key';
import { isClientReadable } from './attributes';
import type { UserPoolContext } from './pool-context';
import type { PoolUser } from './user-directory';

/** Why a token was refused; callers turn it into their service's error. */
export type TokenRejection = 'expired' | 'invalid' | 'missing-claim' | 'wrong-issuer' | 'wrong-audience' | 'wrong-use';

export class TokenRejectedError extends Error {
  override readonly name = 'TokenRejectedError';
  constructor(
    readonly rejection: TokenRejection,
    message: string,
  ) {
    super(message);
  }
}

/** Claims of an ID token this pool issued and that verified. */
export interface IdTokenClaims extends JWTPayload {
  sub: string;
  aud: string;
  token_use: 'id';
  'cognito:username': string;
  [claim: string]: unknown;
}

export interface AccessTokenClaims extends JWTPayload {
  sub: string;
  client_id: string;
  username: string;
  token_use: 'access';
}

/** One sign-in: tokens refreshed from it keep its `auth_time`, `origin_jti` and `event_id`. */
export interface AuthenticationEvent {
  authTime: number;
  originJti: string;
  eventId: string;
}

export interface IssuedTokens {
  idToken: string;
  accessToken: string;
  expiresIn: number;
}

/** Cognito puts the `*_verified` attributes into ID tokens as booleans. */
function claimValue(name: string, value: string): string | boolean {
  if (name === 'email_verified' || name === 'phone_number_verified') return value === 'true';
  return value;
}

export function newAuthenticationEvent(clock: Clock): AuthenticationEvent {
  return { authTime: Math.floor(clock() / 1000), originJti: randomUUID(), eventId: randomUUID() };
}

export class TokenService {
  constructor(
    private readonly pool: UserPoolContext,
    private readonly key: SigningKey,
    private readonly clock: Clock,
  ) {}

  async issue(user: PoolUser, event: AuthenticationEvent): Promise<IssuedTokens> {
    const iat = Math.floor(this.clock() / 1000);
    const common = {
      sub: user.username,
      iss: this.pool.issuer,
      iat,
      auth_time: event.authTime,
      origin_jti: event.originJti,
      event_id: event.eventId,
    };
    const idClaims: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(user.attributes)) {
      if (isClientReadable(this.pool, name)) idClaims[name] = claimValue(name, value);
    }
    const { idTokenSeconds, accessTokenSeconds } = this.pool.client;
    const idToken = await this.sign({
      ...idClaims,
      ...common,
      aud: this.pool.clientId,
      'cognito:username': user.username,
      token_use: 'id',
      exp: iat + idTokenSeconds,
      jti: randomUUID(),
    });
    const accessToken = await this.sign({
      ...common,
      client_id: this.pool.clientId,
      token_use: 'access',
      scope: 'aws.cognito.signin.user.admin',
      username: user.username,
      exp: iat + accessTokenSeconds,
      jti: randomUUID(),
    });
    return { idToken, accessToken, expiresIn: accessTokenSeconds };
  }

  /** Signature, `iss`, `aud` = the app client, `exp`, `token_use` = id. */
  async verifyIdToken(token: string): Promise<IdTokenClaims> {
    const payload = await this.verify(token, this.pool.clientId);
    if (payload.token_use !== 'id') throw new TokenRejectedError('wrong-use', 'Not an ID token (token_use is not id)');
    if (typeof payload.sub !== 'string' || typeof payload['cognito:username'] !== 'string' || payload.aud !== this.pool.clientId) {
      throw new TokenRejectedError('invalid', 'ID token lacks sub, cognito:username or aud');
    }
    return payload as IdTokenClaims;
  }

  /** Signature, `iss`, `exp`, `token_use` = access, `client_id` = the app client. */
  async verifyAccessToken(token: string): Promise<AccessTokenClaims> {
    const payload = await this.verify(token, undefined);
    if (payload.token_use !== 'access') throw new TokenRejectedError('wrong-use', 'Not an access token (token_use is not access)');
    if (payload.client_id !== this.pool.clientId) throw new TokenRejectedError('wrong-audience', 'Access token of another app client');
    if (typeof payload.sub !== 'string' || typeof payload.username !== 'string') {
      throw new TokenRejectedError('invalid', 'Access token lacks sub or username');
    }
    return payload as AccessTokenClaims;
  }

  private sign(claims: Record<string, unknown>): Promise<string> {
    return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: this.key.kid }).sign(this.key.privateKey);
  }

  private async verify(token: string, audience: string | undefined): Promise<JWTPayload> {
    try {
      const { payload } = await jwtVerify(
        token,
        (header) => {
          // Only this pool's key; a token naming another kid was not signed here.
          if (header.kid !== this.key.kid) throw new TokenRejectedError('invalid', 'Token signed with an unknown key');
          return this.key.publicKey;
        },
        {
          algorithms: ['RS256'],
          issuer: this.pool.issuer,
          audience,
          currentDate: new Date(this.clock()),
          requiredClaims: ['exp', 'iat', 'sub', 'token_use'],
        },
      );
      return payload;
    } catch (error: unknown) {
      throw rejection(error);
    }
  }
}

function rejection(error: unknown): TokenRejectedError {
  if (error instanceof TokenRejectedError) return error;
  if (error instanceof errors.JWTExpired) return new TokenRejectedError('expired', 'Token expired');
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.reason === 'missing') return new TokenRejectedError('missing-claim', `Missing a required claim: ${error.claim}`);
    if (error.claim === 'iss') return new TokenRejectedError('wrong-issuer', "Issuer doesn't match providerName");
    if (error.claim === 'aud') return new TokenRejectedError('wrong-audience', 'Incorrect token audience');
    return new TokenRejectedError('invalid', `Claim ${error.claim} is invalid: ${error.reason}`);
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return new TokenRejectedError('invalid', 'Token signature is invalid');
  if (error instanceof errors.JOSEAlgNotAllowed) return new TokenRejectedError('invalid', 'Token algorithm is not RS256');
  if (error instanceof errors.JOSEError) return new TokenRejectedError('invalid', 'Not a valid JWT');
  throw error;
}
