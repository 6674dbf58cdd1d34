import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { passwordPolicyViolations } from '../../../platform/user-pool';
import { FileDocumentStore, InMemoryDocumentStore } from '../../../offline/state/document-store';
import { newUserPoolId, newAppClientId } from '../../../offline/state/random';
import { loadOrCreateResourceIds } from '../../../offline/state/resources';
import { loadOrCreateSigningKey } from '../../../offline/state/signing-key';
import { loadOrCreateTestUsersPassword } from '../../../offline/state/test-users-password';

describe('generated state', () => {
  let directory: string;
  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'control-plane-ids-'));
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  it('generates ids shaped like AWS and keeps them per data directory', () => {
    const ids = loadOrCreateResourceIds(new FileDocumentStore(directory), 'eu-central-1', 1_700_000_000_000);
    expect(ids.userPoolId).toMatch(/^eu-central-1_[A-Za-z0-9]{9}$/);
    expect(ids.appClientId).toMatch(/^[a-z0-9]{26}$/);
    expect(ids.identityPoolId).toMatch(/^eu-central-1:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(ids.secretArnSuffix).toMatch(/^[A-Za-z0-9]{6}$/);
    expect(loadOrCreateResourceIds(new FileDocumentStore(directory), 'eu-central-1', 0)).toEqual(ids);
    expect(loadOrCreateResourceIds(new InMemoryDocumentStore(), 'eu-central-1', 0).userPoolId).not.toBe(ids.userPoolId);
  });

  it('refuses a data directory created for another region', () => {
    loadOrCreateResourceIds(new FileDocumentStore(directory), 'eu-central-1', 0);
    expect(() => loadOrCreateResourceIds(new FileDocumentStore(directory), 'us-east-1', 0)).toThrow(
      /created for region eu-central-1; start with AWS_REGION=eu-central-1/,
    );
  });

  it('names the field of a hand-broken document', () => {
    writeFileSync(join(directory, 'resources.json'), JSON.stringify({ region: 'eu-central-1', userPoolId: 5 }));
    expect(() => loadOrCreateResourceIds(new FileDocumentStore(directory), 'eu-central-1', 0)).toThrow(/resources\.json\.userPoolId must be a string/);
  });

  it('generates an RSA-2048 signing key once and reloads it with the same kid', async () => {
    const key = await loadOrCreateSigningKey(new FileDocumentStore(directory));
    expect(key.privateKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
    expect(key.kid).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(key.publicJwk).toEqual({ kty: 'RSA', n: expect.any(String), e: 'AQAB', kid: key.kid, alg: 'RS256', use: 'sig' });
    expect(key.publicJwk).not.toHaveProperty('d');
    const again = await loadOrCreateSigningKey(new FileDocumentStore(directory));
    expect(again.kid).toBe(key.kid);
    expect(again.publicJwk).toEqual(key.publicJwk);
  });

  it('generates a policy-conforming 24-character password once per data directory', () => {
    const password = loadOrCreateTestUsersPassword(new FileDocumentStore(directory));
    expect(password).toMatch(/^[A-Za-z0-9]{24}$/);
    expect(passwordPolicyViolations(password)).toEqual([]);
    expect(loadOrCreateTestUsersPassword(new FileDocumentStore(directory))).toBe(password);
    expect(loadOrCreateTestUsersPassword(new InMemoryDocumentStore())).not.toBe(password);
  });

  it('draws ids that differ every time', () => {
    expect(new Set(Array.from({ length: 50 }, () => newUserPoolId('eu-central-1'))).size).toBe(50);
    expect(new Set(Array.from({ length: 50 }, () => newAppClientId())).size).toBe(50);
  });

  it('keeps a test-users password that meets the policy', () => {
    const password = loadOrCreateTestUsersPassword(new InMemoryDocumentStore());
    expect(passwordPolicyViolations(password)).toEqual([]);
  });
});
