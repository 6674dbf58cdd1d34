import { decodeJwt } from 'jose';
import {
  ConfirmSignUpCommand,
  GetUserCommand,
  SignUpCommand,
  UpdateUserAttributesCommand,
  VerifyUserAttributeCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { mutatedStacks, type StackJson } from '../../support/test-stacks';
import { clients, failure, signIn } from '../control-plane/support/clients';
import { confirmationCode, startTestControlPlane, type TestControlPlane } from '../control-plane/support/server';

/**
 * The user pool offline is the aws_cognito_user_pool and _client the identity
 * stack declares: each test changes one argument in a copy of the synthesized
 * stack and shows the pool behaving accordingly.
 */
type Resources = Record<string, Record<string, Record<string, unknown>>>;
const pool = (config: StackJson) => Object.values((config.resource as Resources).aws_cognito_user_pool)[0];
const client = (config: StackJson) => Object.values((config.resource as Resources).aws_cognito_user_pool_client)[0];

const harnesses: Array<{ harness: TestControlPlane; stacks?: string }> = [];
async function poolWith(change?: (config: StackJson) => void): Promise<TestControlPlane> {
  const stacks = change && mutatedStacks('identity', change);
  const harness = await startTestControlPlane({ stacksDirectory: stacks });
  harnesses.push({ harness, stacks });
  return harness;
}
afterAll(async () => {
  for (const { harness, stacks } of harnesses) {
    await harness.close();
    if (stacks) rmSync(dirname(stacks), { recursive: true, force: true });
  }
});

async function signUpAndConfirm(harness: TestControlPlane, email: string, password: string) {
  const sdk = clients(harness.endpoint);
  const ClientId = harness.plane.ids.userPoolClientId;
  await sdk.idp.send(new SignUpCommand({ ClientId, Username: email, Password: password }));
  await sdk.idp.send(new ConfirmSignUpCommand({ ClientId, Username: email, ConfirmationCode: confirmationCode(harness.messages, email) }));
  return sdk;
}

describe('the user pool follows what the identity stack declares', () => {
  it("the schema's e-mail constraints (5 to 254 characters) hold for a user's own changes", async () => {
    const harness = await poolWith();
    const sdk = await signUpAndConfirm(harness, 'long@example.com', 'Long1Address');
    const { accessToken } = await signIn(harness, sdk.idp, 'long@example.com', 'Long1Address');
    const tooLong = `${'a'.repeat(250)}@x.com`;
    expect(await failure(sdk.idp.send(new UpdateUserAttributesCommand({ AccessToken: accessToken, UserAttributes: [{ Name: 'email', Value: tooLong }] })))).toMatchObject({
      name: 'InvalidParameterException',
      message: 'Attributes did not conform to the schema: email: String must be from 5 to 254 characters long',
    });
  });

  it('require_symbols makes a password without a symbol fail the policy', async () => {
    const harness = await poolWith((config) => {
      (pool(config).password_policy as Record<string, unknown>).require_symbols = true;
    });
    const sdk = clients(harness.endpoint);
    const signUp = (Password: string) =>
      sdk.idp.send(new SignUpCommand({ ClientId: harness.plane.ids.userPoolClientId, Username: 'symbols@example.com', Password }));
    expect(await failure(signUp('NoSymbol1here'))).toMatchObject({
      name: 'InvalidPasswordException',
      message: 'Password did not conform with policy: Password must have symbol characters',
    });
    await expect(signUp('With-Symbol1')).resolves.toMatchObject({ UserConfirmed: false });
  });

  it('a case-sensitive pool tells Ann@ from ann@; the stacks\u2019 case-insensitive one does not', async () => {
    const insensitive = await poolWith();
    const sensitive = await poolWith((config) => {
      pool(config).username_configuration = { case_sensitive: true };
    });
    for (const harness of [insensitive, sensitive]) await signUpAndConfirm(harness, 'Ann.Case@example.com', 'Mixed1Case');
    await expect(signIn(insensitive, clients(insensitive.endpoint).idp, 'ann.case@example.com', 'Mixed1Case')).resolves.toBeDefined();
    expect(await failure(signIn(sensitive, clients(sensitive.endpoint).idp, 'ann.case@example.com', 'Mixed1Case'))).toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Incorrect username or password.',
    });
  });

  it('allow_admin_create_user_only closes self-service sign-up', async () => {
    const harness = await poolWith((config) => {
      pool(config).admin_create_user_config = { allow_admin_create_user_only: true };
    });
    const sdk = clients(harness.endpoint);
    expect(await failure(sdk.idp.send(new SignUpCommand({ ClientId: harness.plane.ids.userPoolClientId, Username: 'closed@example.com', Password: 'Closed1Door' })))).toMatchObject({
      name: 'NotAuthorizedException',
      message: 'SignUp is not permitted for this user pool',
    });
  });

  it('with e-mail verified before an update, a new address stays pending and the old one signs in until the code is entered', async () => {
    const harness = await poolWith((config) => {
      pool(config).user_attribute_update_settings = { attributes_require_verification_before_update: ['email'] };
    });
    const sdk = await signUpAndConfirm(harness, 'owner@example.com', 'Owner1Mail');
    const { accessToken } = await signIn(harness, sdk.idp, 'owner@example.com', 'Owner1Mail');
    await sdk.idp.send(new UpdateUserAttributesCommand({ AccessToken: accessToken, UserAttributes: [{ Name: 'email', Value: 'taken-over@example.com' }] }));
    const attributes = async () =>
      Object.fromEntries(((await sdk.idp.send(new GetUserCommand({ AccessToken: accessToken }))).UserAttributes ?? []).map((a) => [a.Name, a.Value]));
    expect(await attributes()).toMatchObject({ email: 'owner@example.com', email_verified: 'true' });
    await expect(signIn(harness, sdk.idp, 'owner@example.com', 'Owner1Mail')).resolves.toBeDefined();
    expect(await failure(signIn(harness, sdk.idp, 'taken-over@example.com', 'Owner1Mail'))).toMatchObject({ name: 'NotAuthorizedException' });
    const code = [...harness.messages].reverse().find((line) => line.startsWith('Verification code for taken-over@example.com: '))?.split(': ')[1];
    await sdk.idp.send(new VerifyUserAttributeCommand({ AccessToken: accessToken, AttributeName: 'email', Code: code }));
    expect(await attributes()).toMatchObject({ email: 'taken-over@example.com', email_verified: 'true' });
    await expect(signIn(harness, sdk.idp, 'taken-over@example.com', 'Owner1Mail')).resolves.toBeDefined();
  });

  it("the client's token validity sets the tokens' lifetime", async () => {
    const harness = await poolWith((config) => {
      client(config).id_token_validity = 5;
    });
    const sdk = await signUpAndConfirm(harness, 'short@example.com', 'Short1Lived');
    const { idToken } = await signIn(harness, sdk.idp, 'short@example.com', 'Short1Lived');
    const claims = decodeJwt(idToken);
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(5 * 60);
  });
});
