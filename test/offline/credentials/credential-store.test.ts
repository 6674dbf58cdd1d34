import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CredentialStore } from '../../../offline/credentials/credential-store';
import type { RoleSessionRequest } from '../../../offline/credentials/types';
import { FileDocumentStore, InMemoryDocumentStore } from '../../../offline/state/document-store';

const shopOwnerSession: RoleSessionRequest = {
  roleName: 'shop-platform-IdentityPool-ShopOwnerRole',
  roleArn: 'arn:aws:iam::000000000000:role/shop-platform-IdentityPool-ShopOwnerRole',
  identityPoolId: 'eu-central-1:11111111-1111-4111-8111-111111111111',
  identityId: 'eu-central-1:22222222-2222-4222-8222-222222222222',
  authenticationType: 'authenticated',
  authenticationProvider:
    'cognito-idp.eu-central-1.amazonaws.com/eu-central-1_abc,cognito-idp.eu-central-1.amazonaws.com/eu-central-1_abc:CognitoSignIn:sub-1',
  principalTags: { shopId: '0001', role: 'shop_owner' },
  amr: ['authenticated', 'cognito-idp.eu-central-1.amazonaws.com/eu-central-1_abc', 'cognito-idp.eu-central-1.amazonaws.com/eu-central-1_abc:CognitoSignIn:sub-1'],
};

describe('credential store', () => {
  let now: number;
  const clock = () => now;
  beforeEach(() => {
    now = 1_700_000_000_000;
  });

  it('knows the root key pair test/test by default', () => {
    const store = new CredentialStore({ store: new InMemoryDocumentStore(), clock });
    expect(store.lookup('test')).toEqual({
      accessKeyId: 'test',
      secretAccessKey: 'test',
      expired: false,
      principal: { kind: 'root', arn: 'arn:aws:iam::000000000000:root' },
    });
    expect(store.lookup('nope')).toBeUndefined();
  });

  it('takes other root credentials, but not ones that look temporary', () => {
    const store = new CredentialStore({ store: new InMemoryDocumentStore(), clock, rootCredentials: { accessKeyId: 'AKIALOCAL', secretAccessKey: 's3cret' } });
    expect(store.lookup('test')).toBeUndefined();
    expect(store.lookup('AKIALOCAL')?.secretAccessKey).toBe('s3cret');
    expect(
      () => new CredentialStore({ store: new InMemoryDocumentStore(), clock, rootCredentials: { accessKeyId: 'ASIAAAAAAAAAAAAAAAAA', secretAccessKey: 'x' } }),
    ).toThrow(/looks like a temporary/);
  });

  it('issues one-hour ASIA credentials with the assumed-role principal', () => {
    const store = new CredentialStore({ store: new InMemoryDocumentStore(), clock });
    const issued = store.issue(shopOwnerSession);
    expect(issued.accessKeyId).toMatch(/^ASIA[A-Z0-9]{16}$/);
    expect(issued.secretAccessKey).toMatch(/^[A-Za-z0-9+/]{40}$/);
    expect(issued.sessionToken.length).toBeGreaterThanOrEqual(200);
    expect(issued.expiresAt.getTime()).toBe(now + 3600_000);
    expect(store.lookup(issued.accessKeyId)).toEqual({
      accessKeyId: issued.accessKeyId,
      secretAccessKey: issued.secretAccessKey,
      sessionToken: issued.sessionToken,
      expiresAt: issued.expiresAt,
      expired: false,
      principal: {
        kind: 'assumed-role',
        roleName: 'shop-platform-IdentityPool-ShopOwnerRole',
        roleArn: 'arn:aws:iam::000000000000:role/shop-platform-IdentityPool-ShopOwnerRole',
        arn: 'arn:aws:sts::000000000000:assumed-role/shop-platform-IdentityPool-ShopOwnerRole/CognitoIdentityCredentials',
        identityPoolId: shopOwnerSession.identityPoolId,
        identityId: shopOwnerSession.identityId,
        authenticationType: 'authenticated',
        authenticationProvider: shopOwnerSession.authenticationProvider,
        principalTags: { shopId: '0001', role: 'shop_owner' },
        amr: shopOwnerSession.amr,
      },
    });
    const second = store.issue(shopOwnerSession);
    expect(second.accessKeyId).not.toBe(issued.accessKeyId);
    expect(second.secretAccessKey).not.toBe(issued.secretAccessKey);
  });

  it('reports credentials as expired once their hour is over, and forgets them a day later', () => {
    const store = new CredentialStore({ store: new InMemoryDocumentStore(), clock });
    const issued = store.issue({ ...shopOwnerSession, authenticationType: 'unauthenticated', authenticationProvider: undefined, principalTags: {} });
    now += 3600_000 - 1;
    expect(store.lookup(issued.accessKeyId)?.expired).toBe(false);
    now += 1;
    expect(store.lookup(issued.accessKeyId)?.expired).toBe(true);
    now += 25 * 3600_000;
    store.issue(shopOwnerSession);
    expect(store.lookup(issued.accessKeyId)).toBeUndefined();
  });

  it('does not let a caller change a stored principal through a lookup result', () => {
    const store = new CredentialStore({ store: new InMemoryDocumentStore(), clock });
    const issued = store.issue(shopOwnerSession);
    const found = store.lookup(issued.accessKeyId);
    if (found?.principal.kind !== 'assumed-role') throw new Error('expected an assumed role');
    found.principal.principalTags.shopId = '0002';
    const again = store.lookup(issued.accessKeyId);
    expect(again?.principal.kind === 'assumed-role' && again.principal.principalTags.shopId).toBe('0001');
  });

  it('keeps sessions across a restart over the same data directory', () => {
    const directory = mkdtempSync(join(tmpdir(), 'control-plane-credentials-'));
    try {
      const issued = new CredentialStore({ store: new FileDocumentStore(directory), clock }).issue(shopOwnerSession);
      const reloaded = new CredentialStore({ store: new FileDocumentStore(directory), clock });
      expect(reloaded.lookup(issued.accessKeyId)).toMatchObject({
        secretAccessKey: issued.secretAccessKey,
        sessionToken: issued.sessionToken,
        expiresAt: issued.expiresAt,
        principal: { roleName: shopOwnerSession.roleName, principalTags: shopOwnerSession.principalTags },
      });
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
