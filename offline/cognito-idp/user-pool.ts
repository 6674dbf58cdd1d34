import type { AwsJsonService } from '../aws-json/service';
import type { Clock } from '../state/clock';
import type { DocumentStore } from '../state/document-store';
import type { SigningKey } from '../state/signing-key';
import { ChallengeSessions } from './challenge-sessions';
import { createJwksEndpoint, type JwksEndpoint } from './jwks';
import type { UserPoolContext } from './pool-context';
import { RefreshTokenStore } from './refresh-tokens';
import { createCognitoIdpService } from './service';
import { SignInThrottle } from './sign-in-throttle';
import { ensureTestUsers, listTestUsers, type TestUserSummary } from './test-users';
import { TokenService, type IdTokenClaims } from './tokens';
import { UserDirectory } from './user-directory';
import type { MessageLogger, UserPoolState } from './user-pool-state';

export interface UserPoolOptions {
  context: UserPoolContext;
  store: DocumentStore;
  signingKey: SigningKey;
  clock: Clock;
  logger: MessageLogger;
  /** The shared password to create missing test users with; leave out to create none. */
  testUsersPassword?: string;
}

export interface OfflineUserPool {
  context: UserPoolContext;
  service: AwsJsonService;
  jwks: JwksEndpoint;
  /** Signature, `iss`, `aud` = the app client, `exp`, `token_use` = id; throws TokenRejectedError. */
  verifyIdToken(token: string): Promise<IdTokenClaims>;
  listTestUsers(): TestUserSummary[];
  /** For tests and tooling that drive the pool without HTTP. */
  state: UserPoolState;
}

export async function createUserPool(options: UserPoolOptions): Promise<OfflineUserPool> {
  const { context, store, clock } = options;
  const tokens = new TokenService(context, options.signingKey, clock);
  const state: UserPoolState = {
    pool: context,
    users: new UserDirectory(store),
    tokens,
    refreshTokens: new RefreshTokenStore(store, clock),
    challenges: new ChallengeSessions(clock),
    throttle: new SignInThrottle(clock),
    clock,
    logger: options.logger,
  };
  if (options.testUsersPassword !== undefined) await ensureTestUsers(state, options.testUsersPassword);
  return {
    context,
    service: createCognitoIdpService(state),
    jwks: createJwksEndpoint(context, options.signingKey),
    verifyIdToken: (token) => tokens.verifyIdToken(token),
    listTestUsers: () => listTestUsers(state),
    state,
  };
}
