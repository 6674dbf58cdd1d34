import type { DocumentStore } from './document-store';
import { documents } from './documents';
import { lowerAlphanumerics, randomString } from './random';
import { expectRecord, expectString } from './shape';

/** The REST API's id (ten lower-case alphanumerics, as API Gateway forms them), kept per data directory. */
export function loadOrCreateRestApiId(store: DocumentStore): string {
  const existing = store.read(documents.restApi);
  if (existing !== undefined) {
    const where = `${store.location}/${documents.restApi.name}`;
    return expectString(expectRecord(existing, where), 'apiId', where);
  }
  const apiId = randomString(lowerAlphanumerics, 10);
  store.write(documents.restApi, { apiId });
  return apiId;
}
