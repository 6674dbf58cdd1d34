import type { DocumentStore } from '../state/document-store';
import { documents } from '../state/documents';
import { expectNumber, expectOneOf, expectRecord, expectString, expectStringList, expectStringRecord, optionalString, parseEntries, type StoredRecord } from '../state/shape';
import type { AssumedRolePrincipal } from './types';

export interface StoredSession {
  secretAccessKey: string;
  sessionToken: string;
  expiresAt: number;
  principal: AssumedRolePrincipal;
}

function legacyAmr(record: StoredRecord): string[] {
  if (record.authenticationType !== 'authenticated' || typeof record.authenticationProvider !== 'string') return ['unauthenticated'];
  return ['authenticated', ...record.authenticationProvider.split(',')];
}

function parsePrincipal(record: StoredRecord, where: string): AssumedRolePrincipal {
  const principal: AssumedRolePrincipal = {
    kind: 'assumed-role',
    roleName: expectString(record, 'roleName', where),
    roleArn: expectString(record, 'roleArn', where),
    arn: expectString(record, 'arn', where),
    identityPoolId: expectString(record, 'identityPoolId', where),
    identityId: expectString(record, 'identityId', where),
    authenticationType: expectOneOf(record, 'authenticationType', ['authenticated', 'unauthenticated'], where),
    principalTags: expectStringRecord(record, 'principalTags', where),
    // Sessions written before the amr was kept: what Cognito would have presented.
    amr: record.amr === undefined ? legacyAmr(record) : expectStringList(record, 'amr', where),
  };
  const sessionPolicySet = optionalString(record, 'sessionPolicySet', where);
  if (sessionPolicySet !== undefined) principal.sessionPolicySet = sessionPolicySet;
  const provider = optionalString(record, 'authenticationProvider', where);
  if (provider !== undefined) principal.authenticationProvider = provider;
  return principal;
}

function parseSession(record: StoredRecord, where: string): StoredSession {
  return {
    secretAccessKey: expectString(record, 'secretAccessKey', where),
    sessionToken: expectString(record, 'sessionToken', where),
    expiresAt: expectNumber(record, 'expiresAt', where),
    principal: parsePrincipal(expectRecord(record.principal, `${where}.principal`), `${where}.principal`),
  };
}

export function loadSessions(store: DocumentStore): Map<string, StoredSession> {
  const value = store.read(documents.credentials);
  if (value === undefined) return new Map();
  const where = `${store.location}/${documents.credentials.name}`;
  return parseEntries(expectRecord(value, where).sessions, `${where}.sessions`, parseSession);
}

export function saveSessions(store: DocumentStore, sessions: ReadonlyMap<string, StoredSession>): void {
  store.write(documents.credentials, { sessions: Object.fromEntries(sessions) });
}
