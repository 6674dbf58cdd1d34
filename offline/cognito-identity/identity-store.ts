import { randomUUID } from 'node:crypto';
import type { Clock } from '../state/clock';
import type { DocumentStore } from '../state/document-store';
import { documents } from '../state/documents';
import { expectBoolean, expectNumber, expectRecord, optionalString, parseEntries, type StoredRecord } from '../state/shape';

export interface Identity {
  identityId: string;
  /** Set for identities of a user pool user: the user's `sub`. Guests have none. */
  sub?: string;
  /** The login provider the user signed in with. */
  provider?: string;
  authenticated: boolean;
  createdAt: number;
  modifiedAt: number;
}

type StoredIdentity = Omit<Identity, 'identityId'>;

function parseIdentity(record: StoredRecord, where: string): StoredIdentity {
  const sub = optionalString(record, 'sub', where);
  const provider = optionalString(record, 'provider', where);
  return {
    ...(sub === undefined ? {} : { sub }),
    ...(provider === undefined ? {} : { provider }),
    authenticated: expectBoolean(record, 'authenticated', where),
    createdAt: expectNumber(record, 'createdAt', where),
    modifiedAt: expectNumber(record, 'modifiedAt', where),
  };
}

/** Identities of the identity pool; a user keeps one identity id for good, as on AWS. */
export class IdentityStore {
  private readonly identities = new Map<string, Identity>();
  private readonly bySub = new Map<string, string>();

  constructor(
    private readonly store: DocumentStore,
    private readonly region: string,
    private readonly clock: Clock,
  ) {
    const value = store.read(documents.identities);
    if (value === undefined) return;
    const where = `${store.location}/${documents.identities.name}`;
    for (const [identityId, stored] of parseEntries(expectRecord(value, where).identities, `${where}.identities`, parseIdentity)) {
      this.identities.set(identityId, { identityId, ...stored });
      if (stored.sub !== undefined) this.bySub.set(stored.sub, identityId);
    }
  }

  get(identityId: string): Identity | undefined {
    const identity = this.identities.get(identityId);
    return identity && { ...identity };
  }

  createGuest(): Identity {
    return this.add(undefined, undefined);
  }

  /** Synchronous look-up-or-create, so two concurrent first sign-ins of one user still get one identity. */
  identityOfUser(sub: string, provider: string): Identity {
    const existing = this.bySub.get(sub);
    if (existing !== undefined) {
      const identity = this.identities.get(existing);
      if (identity) return { ...identity };
    }
    return this.add(sub, provider);
  }

  private add(sub: string | undefined, provider: string | undefined): Identity {
    const now = this.clock();
    const identity: Identity = {
      identityId: `${this.region}:${randomUUID()}`,
      ...(sub === undefined ? {} : { sub }),
      ...(provider === undefined ? {} : { provider }),
      authenticated: sub !== undefined,
      createdAt: now,
      modifiedAt: now,
    };
    this.identities.set(identity.identityId, identity);
    if (sub !== undefined) this.bySub.set(sub, identity.identityId);
    this.save();
    return { ...identity };
  }

  private save(): void {
    const identities: Record<string, StoredIdentity> = {};
    for (const { identityId, ...rest } of this.identities.values()) identities[identityId] = rest;
    this.store.write(documents.identities, { identities });
  }
}
