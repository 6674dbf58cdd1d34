import type { AwsJsonService } from '../aws-json/service';
import type { DeclaredUser } from '../deployment/model';
import type { Clock } from '../state/clock';
import type { DocumentStore } from '../state/document-store';
import type { SigningKey } from '../state/signing-key';
import { ChallengeSessions } from './challenge-sessions';
import { applyDeclaredUser, summarizeDeclaredUsers, type DeclaredUserSummary } from './declared-users';
import { createJwksEndpoint, type JwksEndpoint } from './jwks';
import { PasswordHasher, type ScryptCost } from './password-hash';
import type { UserPoolContext } from './pool-context';
import { RefreshTokenStore } from './refresh-tokens';
import { createCognitoIdpService } from './service';
import { SignInThrottle } from './sign-in-throttle';
import { TokenService, type IdTokenClaims } from './tokens';
import { UserDirectory } from './user-directory';
import type { MessageLogger, UserPoolState } from './user-pool-state';

export interface UserPoolOptions {
  context: UserPoolContext;
  store: DocumentStore;
  signingKey: SigningKey;
  clock: Clock;
  logger: MessageLogger;
  /** What new password hashes cost (standardScryptCost unless a test asks for less). */
  scryptCost?: ScryptCost;
}

export interface OfflineUserPool {
  context: UserPoolContext;
  service: AwsJsonService;
  jwks: JwksEndpoint;
  /** Signature, `iss`, `aud` = the app client, `exp`, `token_use` = id; throws TokenRejectedError. */
  verifyIdToken(token: string): Promise<IdTokenClaims>;
  /** Creates (or updates) a user the stacks declare, as `terraform apply` does. */
  applyDeclaredUser(user: DeclaredUser, changed: boolean): Promise<'created' | 'updated' | 'unchanged'>;
  summarizeDeclaredUsers(users: readonly DeclaredUser[]): DeclaredUserSummary[];
  /** For tests and tooling that drive the pool without HTTP. */
  state: UserPoolState;
}

export function createUserPool(options: UserPoolOptions): OfflineUserPool {
  const { context, store, clock } = options;
  const tokens = new TokenService(context, options.signingKey, clock);
  const state: UserPoolState = {
    pool: context,
    users: new UserDirectory(store, context.config.caseSensitive),
    tokens,
    refreshTokens: new RefreshTokenStore(store, clock, context.client.refreshTokenSeconds * 1000),
    challenges: new ChallengeSessions(clock, context.client.authSessionMinutes),
    throttle: new SignInThrottle(clock),
    passwords: new PasswordHasher(options.scryptCost),
    clock,
    logger: options.logger,
  };
  return {
    context,
    service: createCognitoIdpService(state),
    jwks: createJwksEndpoint(context, options.signingKey),
    verifyIdToken: (token) => tokens.verifyIdToken(token),
    applyDeclaredUser: (user, changed) => applyDeclaredUser(state, user, changed),
    summarizeDeclaredUsers: (users) => summarizeDeclaredUsers(state, users),
    state,
  };
}
