import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetCredentialsForIdentityCommand, GetIdCommand } from '@aws-sdk/client-cognito-identity';
import { ConfirmSignUpCommand, SignUpCommand } from '@aws-sdk/client-cognito-identity-provider';
import { mutatedStacks } from '../../support/test-stacks';
import { clients, signIn, testUsersPassword } from './support/clients';
import { confirmationCode, startTestControlPlane } from './support/server';

describe('data directory persistence', () => {
  let directory: string;
  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'control-plane-data-'));
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  it('keeps ids, keys, users, password, identities and sessions across a restart', async () => {
    const first = await startTestControlPlane({ dataDirectory: directory });
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
    const firstUsers = first.users();
    await first.close();

    const second = await startTestControlPlane({ dataDirectory: directory });
    try {
      const sdk = clients(second.endpoint);
      expect(second.plane.ids).toEqual(first.plane.ids);
      expect(await (await fetch(`${second.endpoint}${second.plane.jwks.path}`)).text()).toBe(jwks);
      expect(await testUsersPassword(second, sdk.secrets)).toBe(password);
      expect(second.users()).toEqual(firstUsers);
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
      'created-secrets.json',
      'credentials.json',
      'deployment.json',
      'identities.json',
      'refresh-tokens.json',
      'signing-key.json',
      'users.json',
    ]);
    for (const secretFile of ['created-secrets.json', 'credentials.json', 'refresh-tokens.json', 'signing-key.json', 'users.json']) {
      expect(statSync(join(directory, secretFile)).mode & 0o777).toBe(0o600);
    }
    const users = readFileSync(join(directory, 'users.json'), 'utf8');
    expect(users).not.toContain(password);
    expect(users).not.toContain('Kept1Password');
    expect(readFileSync(join(directory, 'refresh-tokens.json'), 'utf8')).not.toContain(tokens.refreshToken);
  });

  it('creates a user added to the stacks on the next start, applies changed attributes, and keeps everyone else', async () => {
    const first = await startTestControlPlane({ dataDirectory: directory });
    const before = first.users();
    await first.close();

    const withAnotherUser = mutatedStacks('identity', (config) => {
      const users = (config.resource as Record<string, Record<string, Record<string, unknown>>>).aws_cognito_user;
      const admin = Object.values(users).find((user) => user.username === 'adminuser@example.com');
      users['added-later'] = { ...admin, username: 'added@example.com', attributes: { email: 'added@example.com', name: 'Added Later', role: 'customer' } };
      if (admin) admin.attributes = { ...(admin.attributes as Record<string, string>), name: 'Renamed Admin' };
    });
    const second = await startTestControlPlane({ dataDirectory: directory, stacksDirectory: withAnotherUser });
    try {
      const after = second.users();
      expect(after.map((user) => user.email).sort()).toEqual([...before.map((user) => user.email), 'added@example.com'].sort());
      for (const user of before) expect(after.find((candidate) => candidate.email === user.email)?.username).toBe(user.username);
      expect(after.find((user) => user.email === 'adminuser@example.com')?.attributes.name).toBe('Renamed Admin');
      expect(after.find((user) => user.email === 'added@example.com')?.attributes['custom:role']).toBe('customer');
    } finally {
      await second.close();
      rmSync(withAnotherUser, { recursive: true, force: true });
    }
  });
});
