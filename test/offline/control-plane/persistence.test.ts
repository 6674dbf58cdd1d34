import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetCredentialsForIdentityCommand, GetIdCommand } from '@aws-sdk/client-cognito-identity';
import { ConfirmSignUpCommand, SignUpCommand } from '@aws-sdk/client-cognito-identity-provider';
import { createControlPlane } from '../../../offline/control-plane';
import { clients, signIn, testUsersPassword } from './support/clients';
import { authorizationHeaderHook, captureLogger, confirmationCode, startTestControlPlane } from './support/server';

describe('data directory persistence', () => {
  let directory: string;
  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'control-plane-data-'));
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  it('keeps ids, keys, users, password, identities and sessions across a restart', async () => {
    const first = await startTestControlPlane({ inMemory: false, dataDirectory: directory });
    const firstSdk = clients(first.endpoint);
    const password = await testUsersPassword(first, firstSdk.secrets);
    const tokens = await signIn(first, firstSdk.idp, 'shop1owner@example.com', password);
    const logins = { [first.plane.ids.userPoolProviderName]: tokens.idToken };
    const { IdentityId } = await firstSdk.identity.send(new GetIdCommand({ IdentityPoolId: first.plane.ids.identityPoolId, Logins: logins }));
    const issued = await firstSdk.identity.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins: logins }));
    const clientId = first.plane.ids.userPoolClientId;
    await firstSdk.idp.send(new SignUpCommand({ ClientId: clientId, Username: 'kept@example.com', Password: 'Kept1Password' }));
    await firstSdk.idp.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'kept@example.com', ConfirmationCode: confirmationCode(first.messages, 'kept@example.com') }));
    const jwks = await (await fetch(`${first.endpoint}${first.plane.jwks.path}`)).text();
    const firstUsers = first.plane.listTestUsers();
    await first.close();

    const second = await startTestControlPlane({ inMemory: false, dataDirectory: directory });
    try {
      const sdk = clients(second.endpoint);
      expect(second.plane.ids).toEqual(first.plane.ids);
      expect(await (await fetch(`${second.endpoint}${second.plane.jwks.path}`)).text()).toBe(jwks);
      expect(await testUsersPassword(second, sdk.secrets)).toBe(password);
      expect(second.plane.listTestUsers()).toEqual(firstUsers);
      await expect(second.plane.verifyIdToken(tokens.idToken)).resolves.toMatchObject({ email: 'shop1owner@example.com' });
      const again = await signIn(second, sdk.idp, 'shop1owner@example.com', password);
      const newLogins = { [second.plane.ids.userPoolProviderName]: again.idToken };
      expect((await sdk.identity.send(new GetIdCommand({ IdentityPoolId: second.plane.ids.identityPoolId, Logins: newLogins }))).IdentityId).toBe(IdentityId);
      await expect(signIn(second, sdk.idp, 'kept@example.com', 'Kept1Password')).resolves.toBeDefined();
      expect(second.plane.credentials.lookup(issued.Credentials?.AccessKeyId ?? '')).toMatchObject({
        secretAccessKey: issued.Credentials?.SecretKey,
        principal: { roleName: 'shop-platform-IdentityPool-ShopOwnerRole', identityId: IdentityId },
      });
    } finally {
      await second.close();
    }

    expect(readdirSync(directory).sort()).toEqual([
      'credentials.json',
      'identities.json',
      'refresh-tokens.json',
      'resources.json',
      'signing-key.json',
      'test-users-password.json',
      'users.json',
    ]);
    for (const secretFile of ['credentials.json', 'refresh-tokens.json', 'signing-key.json', 'test-users-password.json', 'users.json']) {
      expect(statSync(join(directory, secretFile)).mode & 0o777).toBe(0o600);
    }
    const users = readFileSync(join(directory, 'users.json'), 'utf8');
    expect(users).not.toContain(password);
    expect(users).not.toContain('Kept1Password');
    expect(readFileSync(join(directory, 'refresh-tokens.json'), 'utf8')).not.toContain(tokens.refreshToken);
  });

  it('writes nothing when in memory', async () => {
    const path = join(directory, 'not-to-be-created');
    const plane = await createControlPlane({
      inMemory: true,
      dataDirectory: path,
      region: 'eu-central-1',
      prefix: 'shop-platform',
      createTestUsers: true,
      logger: captureLogger([]),
      authorize: authorizationHeaderHook([]),
    });
    expect(plane.dataLocation).toBe('(in memory)');
    expect(plane.listTestUsers()).toHaveLength(4);
    expect(existsSync(path)).toBe(false);
    expect(readdirSync(directory)).toEqual([]);
  });

  it('creates missing test users when they are switched on later, and no duplicates', async () => {
    const options = {
      dataDirectory: directory,
      region: 'eu-central-1',
      prefix: 'shop-platform',
      logger: captureLogger([]),
      authorize: authorizationHeaderHook([]),
    };
    const off = await createControlPlane({ ...options, createTestUsers: false });
    expect(off.listTestUsers()).toEqual([]);
    const on = await createControlPlane({ ...options, createTestUsers: true });
    expect(on.listTestUsers()).toHaveLength(4);
    expect(on.ids.userPoolId).toBe(off.ids.userPoolId);
    const again = await createControlPlane({ ...options, createTestUsers: true });
    expect(again.listTestUsers()).toEqual(on.listTestUsers());
  });
});
