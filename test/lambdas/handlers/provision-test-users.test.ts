import { AdminSetUserPasswordCommand, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { CreateSecretCommand, GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { ensureBundle } from '../../../bundling/bundle-lambda';
import { LocalFunction } from '../../../offline/lambda/local-function';
import { functions } from '../../../platform/functions';
import { testUsers } from '../../../platform/test-users';
import { startOfflinePlatform, type OfflinePlatform } from '../../support/offline-platform';

/**
 * The provisioner runs from its bundle against the offline Cognito and Secrets
 * Manager with the real SDK clients, as it runs on AWS after `cdktf deploy`.
 */
let platform: OfflinePlatform;
let provisioner: LocalFunction;
let firstDeploy: LocalFunction;

function provisionerWith(secretId: string): LocalFunction {
  return new LocalFunction({
    name: 'shop-platform-provision-test-users',
    bundleDirectory: ensureBundle(functions.provisionTestUsers),
    environment: {
      USER_POOL_ID: platform.runtime.outputs.userPoolId,
      TEST_USERS_SECRET_ID: secretId,
      AWS_ENDPOINT_URL: platform.endpoint,
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
    timeoutSeconds: 30,
    memoryMb: 256,
    region: 'eu-central-1',
    accountId: '000000000000',
    log: () => undefined,
  });
}

beforeAll(async () => {
  platform = await startOfflinePlatform();
  provisioner = provisionerWith(platform.runtime.outputs.testUsersSecretName!);
  // As the identity stack creates it: a secret with no value yet.
  const empty = await platform.clients.secrets.send(new CreateSecretCommand({ Name: 'first-deploy-TestUsersPassword' }));
  firstDeploy = provisionerWith(empty.ARN!);
});

afterAll(async () => {
  await provisioner.close();
  await firstDeploy.close();
  await platform.close();
});

const signIn = (email: string, password: string) =>
  platform.clients.idp.send(
    new InitiateAuthCommand({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: platform.runtime.outputs.userPoolClientId,
      AuthParameters: { USERNAME: email, PASSWORD: password },
    }),
  );

describe('provision-test-users', () => {
  it('sets the stored password on every user it is given, and returns no secret', async () => {
    const { email } = testUsers.admin;
    // Someone changed the admin's password; the provisioner puts the shared one back.
    await platform.clients.idp.send(
      new AdminSetUserPasswordCommand({
        UserPoolId: platform.runtime.outputs.userPoolId,
        Username: email,
        Password: 'Changed1Elsewhere',
        Permanent: true,
      }),
    );
    const result = await provisioner.invoke({ usernames: [email] });
    expect(result).toEqual({ ok: true, result: { usersProvisioned: 1, passwordCreated: false } });
    await expect(signIn(email, await platform.password())).resolves.toMatchObject({ AuthenticationResult: expect.any(Object) });
    await expect(signIn(email, 'Changed1Elsewhere')).rejects.toMatchObject({ name: 'NotAuthorizedException' });
  });

  it('generates the password into an empty secret on the first run, and keeps it on the next', async () => {
    const { email } = testUsers.shop2Owner;
    expect(await firstDeploy.invoke({ usernames: [email] })).toEqual({
      ok: true,
      result: { usersProvisioned: 1, passwordCreated: true },
    });
    const stored = await platform.clients.secrets.send(new GetSecretValueCommand({ SecretId: 'first-deploy-TestUsersPassword' }));
    const { password } = JSON.parse(stored.SecretString!) as { password: string };
    await expect(signIn(email, password)).resolves.toMatchObject({ AuthenticationResult: expect.any(Object) });
    expect(await firstDeploy.invoke({ usernames: [email] })).toEqual({
      ok: true,
      result: { usersProvisioned: 1, passwordCreated: false },
    });
    const again = await platform.clients.secrets.send(new GetSecretValueCommand({ SecretId: 'first-deploy-TestUsersPassword' }));
    expect(again.SecretString).toBe(stored.SecretString);
  });

  it.each([[{}], [{ usernames: [] }], [{ usernames: [42] }], [null]])('refuses the malformed event %p', async (event) => {
    const result = await provisioner.invoke(event);
    expect(result).toMatchObject({ ok: false, error: { errorMessage: expect.stringContaining('{"usernames": [...]}') } });
  });
});
