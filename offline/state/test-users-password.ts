import type { DocumentStore } from './document-store';
import { documents } from './documents';
import { expectRecord, expectString } from './shape';
import { generatePassword } from '../../platform/password';

/** The test users' shared password: generated once per data directory, kept only in a 0600 file. */
export function loadOrCreateTestUsersPassword(store: DocumentStore): string {
  const existing = store.read(documents.testUsersPassword);
  if (existing !== undefined) {
    const where = `${store.location}/${documents.testUsersPassword.name}`;
    return expectString(expectRecord(existing, where), 'password', where);
  }
  const password = generatePassword();
  store.write(documents.testUsersPassword, { password });
  return password;
}
