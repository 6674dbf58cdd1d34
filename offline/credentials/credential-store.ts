import type { Clock } from '../state/clock';
import type { DocumentStore } from '../state/document-store';
import { loadSessions, saveSessions, type StoredSession } from './persisted-sessions';
import {
  newSecretAccessKey,
  newSessionToken,
  newTemporaryAccessKeyId,
  temporaryAccessKeyPattern,
  temporaryCredentialLifetimeMs,
} from './temporary-credentials';
import { arns, cognitoRoleSessionName } from '../aws/arns';
import { localAccount } from '../local-account';
import {
  localAccountId,
  type CredentialLookup,
  type IssuedCredentials,
  type RoleSessionRequest,
  type StaticCredentials,
} from './types';

/** The local account's root keys, as every local AWS emulator defaults them. */
export const defaultRootCredentials: StaticCredentials = localAccount.defaultRootCredentials;

/** Expired sessions are still reported as expired for a day, then forgotten. */
const expiredSessionRetentionMs = 24 * 60 * 60 * 1000;

export interface CredentialStoreOptions {
  store: DocumentStore;
  clock: Clock;
  rootCredentials?: StaticCredentials;
}

/** Every access key the offline account knows: the root key pair and the identity pool's sessions. */
export class CredentialStore {
  readonly accountId = localAccountId;
  readonly rootCredentials: StaticCredentials;
  private readonly store: DocumentStore;
  private readonly clock: Clock;
  private readonly sessions: Map<string, StoredSession>;

  constructor(options: CredentialStoreOptions) {
    const root = options.rootCredentials ?? defaultRootCredentials;
    if (!root.accessKeyId || !root.secretAccessKey) throw new Error('Root credentials need an access key id and a secret');
    // A root key that looked temporary would be ambiguous with issued sessions.
    if (temporaryAccessKeyPattern.test(root.accessKeyId)) {
      throw new Error(`Root access key id ${root.accessKeyId} looks like a temporary (ASIA) key; choose another`);
    }
    this.rootCredentials = { ...root };
    this.store = options.store;
    this.clock = options.clock;
    this.sessions = loadSessions(options.store);
  }

  lookup(accessKeyId: string): CredentialLookup | undefined {
    if (accessKeyId === this.rootCredentials.accessKeyId) {
      return {
        accessKeyId,
        secretAccessKey: this.rootCredentials.secretAccessKey,
        expired: false,
        principal: { kind: 'root', arn: arns.accountRoot(this.accountId) },
      };
    }
    const session = this.sessions.get(accessKeyId);
    if (!session) return undefined;
    return {
      accessKeyId,
      secretAccessKey: session.secretAccessKey,
      sessionToken: session.sessionToken,
      expiresAt: new Date(session.expiresAt),
      expired: this.clock() >= session.expiresAt,
      principal: { ...session.principal, principalTags: { ...session.principal.principalTags }, amr: [...session.principal.amr] },
    };
  }

  issue(request: RoleSessionRequest): IssuedCredentials {
    const now = this.clock();
    this.forgetLongExpired(now);
    let accessKeyId = newTemporaryAccessKeyId();
    while (this.sessions.has(accessKeyId)) accessKeyId = newTemporaryAccessKeyId();
    const session: StoredSession = {
      secretAccessKey: newSecretAccessKey(),
      sessionToken: newSessionToken(),
      expiresAt: now + temporaryCredentialLifetimeMs,
      principal: {
        kind: 'assumed-role',
        roleName: request.roleName,
        roleArn: request.roleArn,
        arn: arns.assumedRole(this.accountId, request.roleName, cognitoRoleSessionName),
        identityPoolId: request.identityPoolId,
        identityId: request.identityId,
        authenticationType: request.authenticationType,
        ...(request.authenticationProvider === undefined ? {} : { authenticationProvider: request.authenticationProvider }),
        principalTags: { ...request.principalTags },
        amr: [...request.amr],
        ...(request.sessionPolicySet === undefined ? {} : { sessionPolicySet: request.sessionPolicySet }),
      },
    };
    this.sessions.set(accessKeyId, session);
    saveSessions(this.store, this.sessions);
    return {
      accessKeyId,
      secretAccessKey: session.secretAccessKey,
      sessionToken: session.sessionToken,
      expiresAt: new Date(session.expiresAt),
    };
  }

  private forgetLongExpired(now: number): void {
    for (const [accessKeyId, session] of this.sessions) {
      if (session.expiresAt + expiredSessionRetentionMs < now) this.sessions.delete(accessKeyId);
    }
  }
}
