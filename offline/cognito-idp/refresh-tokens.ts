import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../state/clock';
import type { DocumentStore } from '../state/document-store';
import { documents } from '../state/documents';
import { expectNumber, expectRecord, expectString, parseEntries, type StoredRecord } from '../state/shape';
import type { AuthenticationEvent } from './tokens';

export interface RefreshGrant extends AuthenticationEvent {
  username: string;
  clientId: string;
  expiresAt: number;
}

function digest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function parseGrant(record: StoredRecord, where: string): RefreshGrant {
  return {
    username: expectString(record, 'username', where),
    clientId: expectString(record, 'clientId', where),
    authTime: expectNumber(record, 'authTime', where),
    originJti: expectString(record, 'originJti', where),
    eventId: expectString(record, 'eventId', where),
    expiresAt: expectNumber(record, 'expiresAt', where),
  };
}

/**
 * Opaque refresh tokens. Only their SHA-256 is stored, so the data directory
 * alone does not let anyone refresh a session.
 */
export class RefreshTokenStore {
  private readonly grants: Map<string, RefreshGrant>;

  constructor(
    private readonly store: DocumentStore,
    private readonly clock: Clock,
    /** The app client's refresh token validity. */
    private readonly lifetimeMs: number,
  ) {
    const value = store.read(documents.refreshTokens);
    const where = `${store.location}/${documents.refreshTokens.name}`;
    this.grants = value === undefined ? new Map() : parseEntries(expectRecord(value, where).grants, `${where}.grants`, parseGrant);
  }

  issue(username: string, clientId: string, event: AuthenticationEvent): string {
    const now = this.clock();
    for (const [key, grant] of this.grants) if (grant.expiresAt <= now) this.grants.delete(key);
    const token = randomBytes(48).toString('base64url');
    this.grants.set(digest(token), { ...event, username, clientId, expiresAt: now + this.lifetimeMs });
    this.save();
    return token;
  }

  /** The grant behind a token, `'expired'`, or undefined when the token was never issued. */
  find(token: string): RefreshGrant | 'expired' | undefined {
    const grant = this.grants.get(digest(token));
    if (!grant) return undefined;
    return grant.expiresAt <= this.clock() ? 'expired' : { ...grant };
  }

  private save(): void {
    this.store.write(documents.refreshTokens, { grants: Object.fromEntries(this.grants) });
  }
}
