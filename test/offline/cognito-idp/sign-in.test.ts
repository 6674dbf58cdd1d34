import { createRemoteJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';
import { GetUserCommand, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { clients, failure, signIn, testUsersPassword, type Clients } from '../control-plane/support/clients';
import { startTestControlPlane, type TestControlPlane } from '../control-plane/support/server';

describe('sign-in and tokens (real SDK)', () => {
  let harness: TestControlPlane;
  let sdk: Clients;
  let password: string;
  let now: number;
  beforeAll(async () => {
    now = Date.now();
    harness = await startTestControlPlane({ clock: () => now });
    sdk = clients(harness.endpoint);
    password = await testUsersPassword(harness, sdk.secrets);
  });
  afterAll(() => harness.close());

  const passwordAuth = (username: string, secret: string, clientId = harness.plane.ids.userPoolClientId) =>
    sdk.idp.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: username, PASSWORD: secret } }));

  it('issues Cognito-shaped RS256 tokens that verify against the served JWKS', async () => {
    const { ids } = harness.plane;
    const tokens = await signIn(harness, sdk.idp, 'shop1owner@example.com', password);
    const jwks = createRemoteJWKSet(new URL(`${harness.endpoint}/${ids.userPoolId}/.well-known/jwks.json`));
    const { payload: id, protectedHeader } = await jwtVerify(tokens.idToken, jwks, { issuer: ids.issuer, audience: ids.userPoolClientId });
    expect(protectedHeader).toEqual({ alg: 'RS256', kid: expect.any(String) });
    expect(ids.issuer).toBe(`https://cognito-idp.eu-central-1.amazonaws.com/${ids.userPoolId}`);
    expect(id).toEqual({
      sub: expect.stringMatching(/^[0-9a-f-]{36}$/),
      email: 'shop1owner@example.com',
      email_verified: true,
      name: 'Shop One Owner',
      phone_number: '+41790000001',
      'custom:role': 'shop_owner',
      'custom:shopId': '0001',
      'cognito:username': id.sub,
      aud: ids.userPoolClientId,
      token_use: 'id',
      iss: ids.issuer,
      auth_time: Math.floor(now / 1000),
      iat: Math.floor(now / 1000),
      exp: Math.floor(now / 1000) + 3600,
      jti: expect.any(String),
      origin_jti: expect.any(String),
      event_id: expect.any(String),
    });
    const { payload: access } = await jwtVerify(tokens.accessToken, jwks, { issuer: ids.issuer });
    expect(access).toEqual({
      sub: id.sub,
      client_id: ids.userPoolClientId,
      token_use: 'access',
      scope: 'aws.cognito.signin.user.admin',
      username: id.sub,
      iss: ids.issuer,
      auth_time: id.auth_time,
      iat: id.iat,
      exp: id.exp,
      jti: expect.any(String),
      origin_jti: id.origin_jti,
      event_id: id.event_id,
    });
    expect(access.jti).not.toBe(id.jti);
  });

  it('gives the same answer for a wrong password and an unknown user', async () => {
    const wrongPassword = await failure(passwordAuth('adminuser@example.com', `${password}x`));
    const unknownUser = await failure(passwordAuth('nobody@example.com', password));
    expect(wrongPassword).toEqual({ name: 'NotAuthorizedException', message: 'Incorrect username or password.', status: 400 });
    expect(unknownUser).toEqual(wrongPassword);
  });

  it('refuses an unknown app client and flows the client does not allow', async () => {
    expect(await failure(passwordAuth('adminuser@example.com', password, 'someotherclientid'))).toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'User pool client someotherclientid does not exist.',
    });
    const srp = sdk.idp.send(
      new InitiateAuthCommand({ AuthFlow: 'USER_SRP_AUTH', ClientId: harness.plane.ids.userPoolClientId, AuthParameters: { USERNAME: 'a@b.c', SRP_A: '1' } }),
    );
    expect(await failure(srp)).toMatchObject({ name: 'InvalidParameterException', message: 'USER_SRP_AUTH flow not enabled for this client' });
    const admin = sdk.idp.send(new InitiateAuthCommand({ AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', ClientId: harness.plane.ids.userPoolClientId }));
    expect(await failure(admin)).toMatchObject({ name: 'InvalidParameterException', message: 'Initiate Auth method not supported.' });
  });

  it('refreshes with a refresh token and keeps the sign-in event; rejects unknown refresh tokens', async () => {
    const tokens = await signIn(harness, sdk.idp, 'registeredcustomer1@example.com', password);
    now += 10 * 60_000;
    const refreshed = await sdk.idp.send(
      new InitiateAuthCommand({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: harness.plane.ids.userPoolClientId, AuthParameters: { REFRESH_TOKEN: tokens.refreshToken } }),
    );
    expect(refreshed.AuthenticationResult?.RefreshToken).toBeUndefined();
    const before = decodeJwt(tokens.idToken);
    const after = decodeJwt(refreshed.AuthenticationResult?.IdToken ?? '');
    expect(after.iat).toBe((before.iat ?? 0) + 600);
    expect(after.auth_time).toBe(before.auth_time);
    expect(after.origin_jti).toBe(before.origin_jti);
    expect(after.sub).toBe(before.sub);
    const bogus = sdk.idp.send(
      new InitiateAuthCommand({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: harness.plane.ids.userPoolClientId, AuthParameters: { REFRESH_TOKEN: `${tokens.refreshToken}x` } }),
    );
    expect(await failure(bogus)).toMatchObject({ name: 'NotAuthorizedException', message: 'Invalid Refresh Token' });
  });

  it('answers GetUser for a valid access token with the readable attributes only', async () => {
    const tokens = await signIn(harness, sdk.idp, 'shop2owner@example.com', password);
    const user = await sdk.idp.send(new GetUserCommand({ AccessToken: tokens.accessToken }));
    const attributes = Object.fromEntries((user.UserAttributes ?? []).map((attribute) => [attribute.Name, attribute.Value]));
    expect(attributes).toEqual({
      sub: user.Username,
      email: 'shop2owner@example.com',
      email_verified: 'true',
      name: 'Shop Two Owner',
      phone_number: '+41790000002',
      'custom:role': 'shop_owner',
      'custom:shopId': '0002',
    });
  });

  it('rejects an ID token, a tampered token and an expired token as access token', async () => {
    const tokens = await signIn(harness, sdk.idp, 'shop2owner@example.com', password);
    expect(await failure(sdk.idp.send(new GetUserCommand({ AccessToken: tokens.idToken })))).toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Invalid Access Token',
    });
    const [header, payload, signature] = tokens.accessToken.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const tampered = [header, Buffer.from(JSON.stringify({ ...claims, username: 'someone-else' })).toString('base64url'), signature].join('.');
    expect(await failure(sdk.idp.send(new GetUserCommand({ AccessToken: tampered })))).toMatchObject({ name: 'NotAuthorizedException' });
    expect(decodeProtectedHeader(tokens.accessToken).kid).toBeDefined();
    now += 3601_000;
    expect(await failure(sdk.idp.send(new GetUserCommand({ AccessToken: tokens.accessToken })))).toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Access Token has expired',
    });
  });

  it('locks sign-in for a user after five wrong passwords', async () => {
    await signIn(harness, sdk.idp, 'adminuser@example.com', password);
    for (let attempt = 0; attempt < 5; attempt += 1) {
      expect((await failure(passwordAuth('adminuser@example.com', 'Wrong-password1'))).message).toBe('Incorrect username or password.');
    }
    expect(await failure(passwordAuth('adminuser@example.com', password))).toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Password attempts exceeded',
    });
    now += 2000;
    await expect(signIn(harness, sdk.idp, 'adminuser@example.com', password)).resolves.toBeDefined();
  });

  it('serves the JWKS only at the pool path and only for GET', async () => {
    const { ids } = harness.plane;
    const response = await fetch(`${harness.endpoint}/${ids.userPoolId}/.well-known/jwks.json`);
    const body = (await response.json()) as { keys: Record<string, string>[] };
    expect(body.keys).toHaveLength(1);
    expect(Object.keys(body.keys[0]).sort()).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use']);
    const post = harness.plane.jwks.handle({ method: 'POST', url: `/${ids.userPoolId}/.well-known/jwks.json` });
    expect(post.statusCode).toBe(405);
    expect(harness.plane.jwks.matches({ url: '/other/.well-known/jwks.json' })).toBe(false);
  });
});
