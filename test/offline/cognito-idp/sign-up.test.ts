import { decodeJwt } from 'jose';
import {
  ConfirmSignUpCommand,
  GetUserCommand,
  InitiateAuthCommand,
  SignUpCommand,
  UpdateUserAttributesCommand,
  VerifyUserAttributeCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { clients, failure, signIn, testUsersPassword, type Clients } from '../control-plane/support/clients';
import { confirmationCode, startTestControlPlane, type TestControlPlane } from '../control-plane/support/server';

describe('self-service sign-up and attributes (real SDK)', () => {
  let harness: TestControlPlane;
  let sdk: Clients;
  let clientId: string;
  beforeAll(async () => {
    harness = await startTestControlPlane();
    sdk = clients(harness.endpoint);
    clientId = harness.plane.ids.userPoolClientId;
  });
  afterAll(() => harness.close());

  const signUp = (email: string, password: string, attributes: Record<string, string> = {}) =>
    sdk.idp.send(
      new SignUpCommand({
        ClientId: clientId,
        Username: email,
        Password: password,
        UserAttributes: Object.entries(attributes).map(([Name, Value]) => ({ Name, Value })),
      }),
    );

  it.each([
    [{ 'custom:role': 'admin' }],
    [{ 'custom:shopId': '0001' }],
    [{ name: 'Mallory', 'custom:role': 'shop_owner', 'custom:shopId': '0002' }],
    [{ email_verified: 'true' }],
  ])('refuses a sign-up that writes %p', async (attributes) => {
    expect(await failure(signUp('mallory@example.com', 'Passw0rdOk', attributes))).toEqual({
      name: 'NotAuthorizedException',
      message: 'A client attempted to write unauthorized attribute',
      status: 400,
    });
    expect(harness.messages.some((message) => message.includes('mallory@example.com'))).toBe(false);
  });

  it.each([
    ['short1A', 'Password not long enough'],
    ['alllowercase1', 'Password must have uppercase characters'],
    ['ALLUPPERCASE1', 'Password must have lowercase characters'],
    ['NoDigitsHere', 'Password must have numeric characters'],
  ])('enforces the password policy (%s)', async (password, reason) => {
    expect(await failure(signUp('policy@example.com', password))).toMatchObject({
      name: 'InvalidPasswordException',
      message: `Password did not conform with policy: ${reason}`,
    });
  });

  it('requires an e-mail address as username and refuses taken addresses in any letter case', async () => {
    expect(await failure(signUp('not-an-email', 'Passw0rdOk'))).toMatchObject({ name: 'InvalidParameterException', message: 'Username should be an email.' });
    expect(await failure(signUp('Shop1Owner@Example.com', 'Passw0rdOk'))).toMatchObject({
      name: 'UsernameExistsException',
      message: 'An account with the given email already exists.',
    });
  });

  it('signs up, confirms with the printed code and signs in as a plain customer', async () => {
    const email = 'newcustomer@example.com';
    const password = 'Str0ngEnough';
    const result = await signUp(email, password, { name: 'New Customer' });
    expect(result).toMatchObject({
      UserConfirmed: false,
      UserSub: expect.stringMatching(/^[0-9a-f-]{36}$/),
      CodeDeliveryDetails: { Destination: 'n***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' },
    });
    const code = confirmationCode(harness.messages, email);
    expect(code).toMatch(/^\d{6}$/);

    const beforeConfirming = sdk.idp.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: email, PASSWORD: password } }));
    expect(await failure(beforeConfirming)).toMatchObject({ name: 'UserNotConfirmedException', message: 'User is not confirmed.' });
    const wrongCode = code === '000000' ? '000001' : '000000';
    expect(await failure(sdk.idp.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: email, ConfirmationCode: wrongCode })))).toMatchObject({
      name: 'CodeMismatchException',
      message: 'Invalid verification code provided, please try again.',
    });
    await sdk.idp.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: email, ConfirmationCode: code }));

    const tokens = await signIn(harness, sdk.idp, email, password);
    const claims = decodeJwt(tokens.idToken);
    expect(claims).toMatchObject({ sub: result.UserSub, email, email_verified: true, name: 'New Customer' });
    expect(claims).not.toHaveProperty('custom:role');
    expect(claims).not.toHaveProperty('custom:shopId');
  });

  it('answers a confirmation for an unknown user like a wrong code, and locks a code after five misses', async () => {
    expect(await failure(sdk.idp.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'ghost@example.com', ConfirmationCode: '123456' })))).toMatchObject({
      name: 'CodeMismatchException',
    });
    const email = 'guesser@example.com';
    await signUp(email, 'Str0ngEnough');
    const code = confirmationCode(harness.messages, email);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    for (let attempt = 0; attempt < 5; attempt += 1) {
      expect((await failure(sdk.idp.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: email, ConfirmationCode: wrong })))).name).toBe('CodeMismatchException');
    }
    expect(await failure(sdk.idp.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: email, ConfirmationCode: code })))).toMatchObject({
      name: 'LimitExceededException',
    });
  });

  it('refuses UpdateUserAttributes on custom:role or custom:shopId and leaves the user unchanged', async () => {
    const password = await testUsersPassword(harness, sdk.secrets);
    const tokens = await signIn(harness, sdk.idp, 'registeredcustomer1@example.com', password);
    for (const attributes of [[{ Name: 'custom:role', Value: 'admin' }], [{ Name: 'custom:shopId', Value: '0001' }], [{ Name: 'name', Value: 'ok' }, { Name: 'custom:role', Value: 'shop_owner' }]]) {
      expect(await failure(sdk.idp.send(new UpdateUserAttributesCommand({ AccessToken: tokens.accessToken, UserAttributes: attributes })))).toEqual({
        name: 'NotAuthorizedException',
        message: 'A client attempted to write unauthorized attribute',
        status: 400,
      });
    }
    const user = await sdk.idp.send(new GetUserCommand({ AccessToken: tokens.accessToken }));
    const attributes = Object.fromEntries((user.UserAttributes ?? []).map((attribute) => [attribute.Name, attribute.Value]));
    expect(attributes['custom:role']).toBe('customer');
    expect(attributes).not.toHaveProperty('custom:shopId');
    expect(attributes.name).toBe('Registered Customer One');
  });

  it('lets users change their writable attributes; a new e-mail is pending until confirmed, the old one keeps working', async () => {
    const email = 'mover@example.com';
    await signUp(email, 'Str0ngEnough');
    await sdk.idp.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: email, ConfirmationCode: confirmationCode(harness.messages, email) }));
    const tokens = await signIn(harness, sdk.idp, email, 'Str0ngEnough');
    const update = await sdk.idp.send(
      new UpdateUserAttributesCommand({
        AccessToken: tokens.accessToken,
        UserAttributes: [
          { Name: 'name', Value: 'Moved' },
          { Name: 'email', Value: 'moved@example.com' },
        ],
      }),
    );
    expect(update.CodeDeliveryDetailsList).toEqual([{ Destination: 'm***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' }]);
    expect(harness.messages.some((message) => /^Verification code for moved@example\.com: \d{6}$/.test(message))).toBe(true);
    const attributesNow = async () => {
      const user = await sdk.idp.send(new GetUserCommand({ AccessToken: tokens.accessToken }));
      return Object.fromEntries((user.UserAttributes ?? []).map((a) => [a.Name, a.Value]));
    };
    expect(await attributesNow()).toMatchObject({ name: 'Moved', email: 'mover@example.com', email_verified: 'true' });
    expect((await signIn(harness, sdk.idp, email, 'Str0ngEnough')).idToken).toEqual(expect.any(String));

    const line = [...harness.messages].reverse().find((message) => message.startsWith('Verification code for moved@example.com: '));
    const code = line!.slice(line!.lastIndexOf(' ') + 1);
    await sdk.idp.send(new VerifyUserAttributeCommand({ AccessToken: tokens.accessToken, AttributeName: 'email', Code: code }));
    expect(await attributesNow()).toMatchObject({ name: 'Moved', email: 'moved@example.com', email_verified: 'true' });
    expect((await signIn(harness, sdk.idp, 'moved@example.com', 'Str0ngEnough')).idToken).toEqual(expect.any(String));
    expect(
      await failure(sdk.idp.send(new UpdateUserAttributesCommand({ AccessToken: tokens.accessToken, UserAttributes: [{ Name: 'email', Value: 'adminuser@example.com' }] }))),
    ).toMatchObject({ name: 'AliasExistsException', message: 'An account with the given email already exists.' });
  });
});
