import type { Clock } from '../state/clock';
import type { ChallengeSessions } from './challenge-sessions';
import type { PasswordHasher } from './password-hash';
import type { UserPoolContext } from './pool-context';
import type { RefreshTokenStore } from './refresh-tokens';
import type { SignInThrottle } from './sign-in-throttle';
import type { TokenService } from './tokens';
import type { UserDirectory } from './user-directory';

/** Where the pool's messages go: confirmation codes and invitations are printed instead of e-mailed. */
export interface MessageLogger {
  info(message: string): void;
}

/** Everything the pool's operations share. */
export interface UserPoolState {
  pool: UserPoolContext;
  users: UserDirectory;
  tokens: TokenService;
  refreshTokens: RefreshTokenStore;
  challenges: ChallengeSessions;
  throttle: SignInThrottle;
  passwords: PasswordHasher;
  clock: Clock;
  logger: MessageLogger;
}
