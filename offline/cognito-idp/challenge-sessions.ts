import { randomBytes } from 'node:crypto';
import type { Clock } from '../state/clock';

interface ChallengeSession {
  username: string;
  challengeName: 'NEW_PASSWORD_REQUIRED';
  expiresAt: number;
}

/** Pending sign-in challenges; kept in memory only, like the few minutes they last. */
export class ChallengeSessions {
  private readonly sessions = new Map<string, ChallengeSession>();

  constructor(
    private readonly clock: Clock,
    /** The app client's auth session validity. */
    private readonly sessionMinutes: number,
  ) {}

  open(username: string, challengeName: ChallengeSession['challengeName']): string {
    const now = this.clock();
    for (const [key, session] of this.sessions) if (session.expiresAt <= now) this.sessions.delete(key);
    const session = randomBytes(48).toString('base64url');
    this.sessions.set(session, { username, challengeName, expiresAt: now + this.sessionMinutes * 60_000 });
    return session;
  }

  find(session: string): ChallengeSession | undefined {
    const found = this.sessions.get(session);
    return found && found.expiresAt > this.clock() ? { ...found } : undefined;
  }

  close(session: string): void {
    this.sessions.delete(session);
  }
}
