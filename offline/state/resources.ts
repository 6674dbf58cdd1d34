import { randomUUID } from 'node:crypto';
import type { DocumentStore } from './document-store';
import { documents } from './documents';
import { StateError } from './errors';
import { expectNumber, expectRecord, expectString } from './shape';
import { alphanumerics, newAppClientId, newUserPoolId, randomString } from './random';

/** Ids AWS would generate when the stacks deploy; generated once per data directory. */
export interface ResourceIds {
  region: string;
  userPoolId: string;
  userPoolCreatedAt: number;
  appClientId: string;
  identityPoolId: string;
  /** The 6 characters AWS appends to a secret's ARN. */
  secretArnSuffix: string;
  secretVersionId: string;
  secretCreatedAt: number;
}

function parse(value: unknown, where: string): ResourceIds {
  const record = expectRecord(value, where);
  return {
    region: expectString(record, 'region', where),
    userPoolId: expectString(record, 'userPoolId', where),
    userPoolCreatedAt: expectNumber(record, 'userPoolCreatedAt', where),
    appClientId: expectString(record, 'appClientId', where),
    identityPoolId: expectString(record, 'identityPoolId', where),
    secretArnSuffix: expectString(record, 'secretArnSuffix', where),
    secretVersionId: expectString(record, 'secretVersionId', where),
    secretCreatedAt: expectNumber(record, 'secretCreatedAt', where),
  };
}

export function loadOrCreateResourceIds(store: DocumentStore, region: string, now: number): ResourceIds {
  const where = `${store.location}/${documents.resources.name}`;
  const existing = store.read(documents.resources);
  if (existing !== undefined) {
    const ids = parse(existing, where);
    // The ids embed the region; reusing them elsewhere would give tokens an issuer that names the wrong region.
    if (ids.region !== region) {
      throw new StateError(
        `The data directory ${store.location} was created for region ${ids.region}; start with AWS_REGION=${ids.region} or use another data directory`,
      );
    }
    return ids;
  }
  const ids: ResourceIds = {
    region,
    userPoolId: newUserPoolId(region),
    userPoolCreatedAt: now,
    appClientId: newAppClientId(),
    identityPoolId: `${region}:${randomUUID()}`,
    secretArnSuffix: randomString(alphanumerics, 6),
    secretVersionId: randomUUID(),
    secretCreatedAt: now,
  };
  store.write(documents.resources, ids);
  return ids;
}
