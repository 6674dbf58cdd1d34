import { AwsServiceError } from '../aws-json/errors';
import type { DocumentStore } from '../state/document-store';
import { documents } from '../state/documents';
import {
  expectBoolean,
  expectNumber,
  expectOneOf,
  expectRecord,
  expectString,
  expectStringRecord,
  parseEntries,
  type StoredRecord,
} from '../state/shape';

export const userStatuses = ['UNCONFIRMED', 'CONFIRMED', 'FORCE_CHANGE_PASSWORD'] as const;
export type UserStatus = (typeof userStatuses)[number];

export const codePurposes = ['sign-up', 'verify-email'] as const;
export type CodePurpose = (typeof codePurposes)[number];

/** A code sent to the user (here: printed); a few wrong guesses lock it. */
export interface PendingCode {
  purpose: CodePurpose;
  code: string;
  expiresAt: number;
  failedAttempts: number;
}

export interface PoolUser {
  /** The username is the `sub`: the pool signs users in by e-mail. */
  username: string;
  /** Includes `sub`. */
  attributes: Record<string, string>;
  status: UserStatus;
  enabled: boolean;
  passwordHash: string;
  /** Set while the user has an administrator-issued temporary password. */
  temporaryPasswordExpiresAt?: number;
  createdAt: number;
  modifiedAt: number;
  pendingCode?: PendingCode;
  /**
   * New values of attributes the pool verifies before an update
   * (`user_attribute_update_settings`): in force only once verified.
   */
  pendingAttributes?: Record<string, string>;
}

function parsePendingCode(record: StoredRecord, where: string): PendingCode {
  return {
    purpose: expectOneOf(record, 'purpose', codePurposes, where),
    code: expectString(record, 'code', where),
    expiresAt: expectNumber(record, 'expiresAt', where),
    failedAttempts: expectNumber(record, 'failedAttempts', where),
  };
}

function parseUser(record: StoredRecord, where: string): PoolUser {
  const user: PoolUser = {
    username: expectString(record, 'username', where),
    attributes: expectStringRecord(record, 'attributes', where),
    status: expectOneOf(record, 'status', userStatuses, where),
    enabled: expectBoolean(record, 'enabled', where),
    passwordHash: expectString(record, 'passwordHash', where),
    createdAt: expectNumber(record, 'createdAt', where),
    modifiedAt: expectNumber(record, 'modifiedAt', where),
  };
  if (record.temporaryPasswordExpiresAt !== undefined) {
    user.temporaryPasswordExpiresAt = expectNumber(record, 'temporaryPasswordExpiresAt', where);
  }
  if (record.pendingAttributes !== undefined) user.pendingAttributes = expectStringRecord(record, 'pendingAttributes', where);
  if (record.pendingCode !== undefined) {
    user.pendingCode = parsePendingCode(expectRecord(record.pendingCode, `${where}.pendingCode`), `${where}.pendingCode`);
  }
  return user;
}


/** Thrown when a second account would get an e-mail address already in use. */
export function usernameExists(): AwsServiceError {
  return new AwsServiceError('UsernameExistsException', 'An account with the given email already exists.');
}

/**
 * The pool's users, persisted on every change. Methods are synchronous so a
 * uniqueness check and the insert it guards cannot interleave with another request.
 */
export class UserDirectory {
  private readonly users: Map<string, PoolUser>;

  constructor(
    private readonly store: DocumentStore,
    /** The pool's username case sensitivity, which applies to the e-mail addresses users sign in with. */
    private readonly caseSensitive: boolean,
  ) {
    const value = store.read(documents.users);
    const where = `${store.location}/${documents.users.name}`;
    this.users = value === undefined ? new Map() : parseEntries(expectRecord(value, where).users, `${where}.users`, parseUser);
  }

  get size(): number {
    return this.users.size;
  }

  get(username: string): PoolUser | undefined {
    const user = this.users.get(username);
    return user && structuredClone(user);
  }

  private emailKey(email: string): string {
    return this.caseSensitive ? email : email.toLowerCase();
  }

  /** In a case-insensitive pool `A@x.com` and `a@x.com` are one user, so neither can open a second account. */
  findByEmail(email: string): PoolUser | undefined {
    const key = this.emailKey(email);
    for (const user of this.users.values()) {
      if (user.attributes.email !== undefined && this.emailKey(user.attributes.email) === key) return structuredClone(user);
    }
    return undefined;
  }

  /** Sign-in and admin operations accept the e-mail address or the username (`sub`). */
  findBySignInName(name: string): PoolUser | undefined {
    return this.get(name) ?? this.findByEmail(name);
  }

  list(): PoolUser[] {
    return [...this.users.values()].map((user) => structuredClone(user));
  }

  insert(user: PoolUser): void {
    if (this.users.has(user.username)) throw usernameExists();
    if (user.attributes.email !== undefined && this.findByEmail(user.attributes.email)) throw usernameExists();
    this.users.set(user.username, structuredClone(user));
    this.save();
  }

  /** Applies `change` to the stored user and persists it; an e-mail change must stay unique. */
  update(username: string, change: (user: PoolUser) => void): PoolUser {
    const current = this.users.get(username);
    if (!current) throw new AwsServiceError('UserNotFoundException', 'User does not exist.');
    const next = structuredClone(current);
    change(next);
    const email = next.attributes.email;
    if (email !== undefined && email !== current.attributes.email) {
      const owner = this.findByEmail(email);
      if (owner && owner.username !== username) {
        throw new AwsServiceError('AliasExistsException', 'An account with the given email already exists.');
      }
    }
    this.users.set(username, next);
    this.save();
    return structuredClone(next);
  }

  private save(): void {
    this.store.write(documents.users, { users: Object.fromEntries(this.users) });
  }
}
