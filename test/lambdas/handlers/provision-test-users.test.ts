import { AdminSetUserPasswordCommand, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { deployedFunctionName, functions } from '../../../platform/functions';
import { testUsers } from '../../../platform/test-users';
import { startOfflinePlatform, type OfflinePlatform } from '../../support/offline-platform';

/**
 * The provisioner runs from the package the identity stack uploads, with its
 * execution role, against the offline Cognito and Secrets Manager — first when
 * the platform starts (the stack's aws_lambda_invocation), then as invoked here.
 */
let platform: OfflinePlatform;
let provisioner: string;

beforeAll(async () => {
  platform = await startOfflinePlatform({ inMemory: true }); // the apply itself: its log lines
  provisioner = deployedFunctionName(platform.settings.prefix, functions.provisionTestUsers);
});

afterAll(async () => {
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
  it('generated the password into the empty secret when the platform first started, and set it on every test user', async () => {
    const invoked = platform.messages.find((line) => line.startsWith(`Invoked ${provisioner} `));
    expect(invoked).toMatch(/"usersProvisioned":4,"passwordCreated":true/);
    const password = await platform.password();
    for (const user of Object.values(testUsers)) {
      await expect(signIn(user.email, password)).resolves.toMatchObject({ AuthenticationResult: expect.any(Object) });
    }
    expect(platform.messages.join('\n')).not.toContain(password);
  });

  it('sets the stored password again on the users it is given, keeps the secret, and returns no secret', async () => {
    const { email } = testUsers.admin;
    const before = await platform.clients.secrets.send(new GetSecretValueCommand({ SecretId: platform.runtime.outputs.testUsersSecretName }));
    // Someone changed the admin's password; the provisioner puts the shared one back.
    await platform.clients.idp.send(
      new AdminSetUserPasswordCommand({ UserPoolId: platform.runtime.outputs.userPoolId, Username: email, Password: 'Changed1Elsewhere', Permanent: true }),
    );
    const result = await platform.runtime.invoke(provisioner, { usernames: [email] });
    expect(result).toEqual({ ok: true, result: { usersProvisioned: 1, passwordCreated: false } });
    await expect(signIn(email, await platform.password())).resolves.toMatchObject({ AuthenticationResult: expect.any(Object) });
    await expect(signIn(email, 'Changed1Elsewhere')).rejects.toMatchObject({ name: 'NotAuthorizedException' });
    const after = await platform.clients.secrets.send(new GetSecretValueCommand({ SecretId: platform.runtime.outputs.testUsersSecretName }));
    expect(after.SecretString).toBe(before.SecretString);
  });

  it.each([[{}], [{ usernames: [] }], [{ usernames: [42] }], [null]])('refuses the malformed event %p', async (event) => {
    const result = await platform.runtime.invoke(provisioner, event);
    expect(result).toMatchObject({ ok: false, error: { errorMessage: expect.stringContaining('{"usernames": [...]}') } });
  });
});
