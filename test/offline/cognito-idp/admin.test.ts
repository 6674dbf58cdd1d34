import { decodeJwt } from 'jose';
import {
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminGetUserCommand,
  AdminSetUserPasswordCommand,
  AdminUpdateUserAttributesCommand,
  GetUserCommand,
  InitiateAuthCommand,
  ListUsersCommand,
  RespondToAuthChallengeCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { parseUserFilter } from '../../../offline/cognito-idp/list-users';
import { clients, failure, signIn, type Clients } from '../control-plane/support/clients';
import { startTestControlPlane, type TestControlPlane } from '../control-plane/support/server';

describe('administration (signed operations, real SDK)', () => {
  let harness: TestControlPlane;
  let sdk: Clients;
  let poolId: string;
  beforeAll(async () => {
    harness = await startTestControlPlane();
    sdk = clients(harness.endpoint);
    poolId = harness.plane.ids.userPoolId;
  });
  afterAll(() => harness.close());

  it('gets a user by e-mail or by username (sub)', async () => {
    const byEmail = await sdk.idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'shop1owner@example.com' }));
    expect(byEmail).toMatchObject({ Username: expect.stringMatching(/^[0-9a-f-]{36}$/), Enabled: true, UserStatus: 'CONFIRMED' });
    const attributes = Object.fromEntries((byEmail.UserAttributes ?? []).map((a) => [a.Name, a.Value]));
    expect(attributes).toEqual({
      sub: byEmail.Username,
      email: 'shop1owner@example.com',
      email_verified: 'true',
      name: 'Shop One Owner',
      phone_number: '+41790000001',
      'custom:role': 'shop_owner',
      'custom:shopId': '0001',
    });
    const bySub = await sdk.idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: byEmail.Username }));
    expect(bySub.Username).toBe(byEmail.Username);
    expect(await failure(sdk.idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'nobody@example.com' })))).toMatchObject({
      name: 'UserNotFoundException',
      message: 'User does not exist.',
    });
  });

  it('creates a user with a temporary password who must choose a new one', async () => {
    const email = 'invited@example.com';
    const created = await sdk.idp.send(
      new AdminCreateUserCommand({
        UserPoolId: poolId,
        Username: email,
        TemporaryPassword: 'TempPassw0rd',
        MessageAction: 'SUPPRESS',
        UserAttributes: [
          { Name: 'name', Value: 'Invited Owner' },
          { Name: 'custom:role', Value: 'shop_owner' },
          { Name: 'custom:shopId', Value: '0003' },
          { Name: 'email_verified', Value: 'true' },
        ],
      }),
    );
    expect(created.User).toMatchObject({ UserStatus: 'FORCE_CHANGE_PASSWORD', Enabled: true });
    expect(harness.messages.some((message) => message.includes(email))).toBe(false);

    const clientId = harness.plane.ids.userPoolClientId;
    const challenge = await sdk.idp.send(
      new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: email, PASSWORD: 'TempPassw0rd' } }),
    );
    expect(challenge).toMatchObject({ ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: expect.any(String) });
    expect(challenge.AuthenticationResult).toBeUndefined();
    const sneaky = sdk.idp.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: 'NEW_PASSWORD_REQUIRED',
        Session: challenge.Session,
        ChallengeResponses: { USERNAME: email, NEW_PASSWORD: 'Chosen1Passw0rd', 'userAttributes.custom:shopId': '0001' },
      }),
    );
    expect(await failure(sneaky)).toMatchObject({ name: 'NotAuthorizedException', message: 'A client attempted to write unauthorized attribute' });
    const answered = await sdk.idp.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: 'NEW_PASSWORD_REQUIRED',
        Session: challenge.Session,
        ChallengeResponses: { USERNAME: email, NEW_PASSWORD: 'Chosen1Passw0rd' },
      }),
    );
    expect(decodeJwt(answered.AuthenticationResult?.IdToken ?? '')).toMatchObject({ email, 'custom:shopId': '0003' });
    const user = await sdk.idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: email }));
    expect(user.UserStatus).toBe('CONFIRMED');
  });

  it('prints the invitation unless suppressed, and refuses what it cannot do', async () => {
    await sdk.idp.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'invited2@example.com' }));
    expect(harness.messages.some((message) => /^Temporary password for invited2@example\.com: \S{24}$/.test(message))).toBe(true);
    expect(await failure(sdk.idp.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'invited2@example.com', MessageAction: 'SUPPRESS' })))).toMatchObject({
      name: 'UsernameExistsException',
    });
    expect(await failure(sdk.idp.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'x@example.com', MessageAction: 'RESEND' })))).toMatchObject({
      name: 'InvalidParameterException',
      message: 'MessageAction RESEND is not supported by the offline runtime; use SUPPRESS or leave it out',
    });
    expect(
      await failure(sdk.idp.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'y@example.com', UserAttributes: [{ Name: 'custom:role', Value: 'x'.repeat(33) }] }))),
    ).toMatchObject({ name: 'InvalidParameterException' });
    expect(
      await failure(sdk.idp.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'z@example.com', UserAttributes: [{ Name: 'custom:unknown', Value: 'x' }] }))),
    ).toMatchObject({ name: 'InvalidParameterException', message: 'Attributes did not conform to the schema: Type for attribute {custom:unknown} could not be determined' });
  });

  it('sets a permanent password and updates custom attributes on the admin path', async () => {
    const email = 'promoted@example.com';
    await sdk.idp.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: email, MessageAction: 'SUPPRESS' }));
    await sdk.idp.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: email, Password: 'Permanent1Pass', Permanent: true }));
    expect((await sdk.idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: email }))).UserStatus).toBe('CONFIRMED');
    expect(await failure(sdk.idp.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: email, Password: 'weak', Permanent: true })))).toMatchObject({
      name: 'InvalidPasswordException',
    });
    await sdk.idp.send(
      new AdminUpdateUserAttributesCommand({
        UserPoolId: poolId,
        Username: email,
        UserAttributes: [
          { Name: 'custom:role', Value: 'shop_owner' },
          { Name: 'custom:shopId', Value: '0004' },
        ],
      }),
    );
    const tokens = await signIn(harness, sdk.idp, email, 'Permanent1Pass');
    expect(decodeJwt(tokens.idToken)).toMatchObject({ 'custom:role': 'shop_owner', 'custom:shopId': '0004' });
  });

  it('disables a user (no sign-in, no access token, Enabled false, still listed) and enables them again', async () => {
    const email = 'switched.off@example.com';
    await sdk.idp.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: email, MessageAction: 'SUPPRESS' }));
    await sdk.idp.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: email, Password: 'Permanent1Pass', Permanent: true }));
    const tokens = await signIn(harness, sdk.idp, email, 'Permanent1Pass');

    await sdk.idp.send(new AdminDisableUserCommand({ UserPoolId: poolId, Username: email }));
    expect((await sdk.idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: email }))).Enabled).toBe(false);
    expect(await failure(signIn(harness, sdk.idp, email, 'Permanent1Pass'))).toMatchObject({ name: 'NotAuthorizedException', message: 'User is disabled.' });
    expect(await failure(sdk.idp.send(new GetUserCommand({ AccessToken: tokens.accessToken })))).toMatchObject({
      name: 'NotAuthorizedException',
      message: 'User is disabled.',
    });
    const listed = await sdk.idp.send(new ListUsersCommand({ UserPoolId: poolId, Filter: `email = "${email}"` }));
    expect(listed.Users?.map((user) => user.Enabled)).toEqual([false]);

    await sdk.idp.send(new AdminEnableUserCommand({ UserPoolId: poolId, Username: email }));
    expect((await signIn(harness, sdk.idp, email, 'Permanent1Pass')).idToken).toEqual(expect.any(String));
    expect(await failure(sdk.idp.send(new AdminDisableUserCommand({ UserPoolId: poolId, Username: 'nobody@example.com' })))).toMatchObject({
      name: 'UserNotFoundException',
    });
  });

  it('lists users with filters, limits and pagination', async () => {
    const all = await sdk.idp.send(new ListUsersCommand({ UserPoolId: poolId }));
    const emails = (all.Users ?? []).map((user) => user.Attributes?.find((a) => a.Name === 'email')?.Value);
    expect(emails).toEqual(expect.arrayContaining(['shop1owner@example.com', 'shop2owner@example.com', 'adminuser@example.com', 'registeredcustomer1@example.com']));

    const exact = await sdk.idp.send(new ListUsersCommand({ UserPoolId: poolId, Filter: 'email = "adminuser@example.com"' }));
    expect(exact.Users).toHaveLength(1);
    const sub = exact.Users?.[0].Username ?? '';
    const bySub = await sdk.idp.send(new ListUsersCommand({ UserPoolId: poolId, Filter: `sub = "${sub}"`, AttributesToGet: ['email'] }));
    expect(bySub.Users?.map((user) => user.Attributes)).toEqual([[{ Name: 'email', Value: 'adminuser@example.com' }]]);
    const prefix = await sdk.idp.send(new ListUsersCommand({ UserPoolId: poolId, Filter: 'email ^= "shop"' }));
    expect(prefix.Users).toHaveLength(2);

    const seen: string[] = [];
    let token: string | undefined;
    do {
      const page = await sdk.idp.send(new ListUsersCommand({ UserPoolId: poolId, Limit: 2, PaginationToken: token }));
      expect((page.Users ?? []).length).toBeLessThanOrEqual(2);
      seen.push(...(page.Users ?? []).map((user) => user.Username ?? ''));
      token = page.PaginationToken;
    } while (token);
    expect(seen.sort()).toEqual((all.Users ?? []).map((user) => user.Username ?? '').sort());

    expect(await failure(sdk.idp.send(new ListUsersCommand({ UserPoolId: poolId, Filter: 'email == x' })))).toMatchObject({
      name: 'InvalidParameterException',
      message: 'Error while parsing filter.',
    });
    expect(await failure(sdk.idp.send(new ListUsersCommand({ UserPoolId: poolId, Filter: 'custom:role = "admin"' })))).toMatchObject({
      name: 'InvalidParameterException',
      message: expect.stringMatching(/^Invalid search attribute: custom:role/),
    });
  });

  it('parses filters with escapes and whitespace', () => {
    expect(parseUserFilter('  email   ^=   "a\\"b" ')).toEqual({ attribute: 'email', operator: '^=', value: 'a"b' });
    expect(parseUserFilter('cognito:user_status = "CONFIRMED"')).toEqual({ attribute: 'cognito:user_status', operator: '=', value: 'CONFIRMED' });
    expect(parseUserFilter('')).toBeUndefined();
    expect(() => parseUserFilter('constructor = "x"')).toThrow(/Invalid search attribute/);
  });
});
