import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT, decodeJwt, decodeProtectedHeader, type JWTPayload, type KeyLike } from 'jose';
import {
  DescribeIdentityPoolCommand,
  GetCredentialsForIdentityCommand,
  GetIdCommand,
  GetIdentityPoolRolesCommand,
  GetOpenIdTokenCommand,
  ListIdentityPoolsCommand,
} from '@aws-sdk/client-cognito-identity';
import { clients, failure, signIn, testUsersPassword, type Clients } from '../control-plane/support/clients';
import { startTestControlPlane, type TestControlPlane } from '../control-plane/support/server';

describe('identity pool (real SDK)', () => {
  let harness: TestControlPlane;
  let sdk: Clients;
  let password: string;
  let directory: string;
  let now: number;
  let poolKey: KeyLike;
  const logins = (token: string) => ({ [harness.plane.ids.userPoolProviderName]: token });

  beforeAll(async () => {
    now = Date.now();
    directory = mkdtempSync(join(tmpdir(), 'identity-pool-'));
    harness = await startTestControlPlane({ dataDirectory: directory, clock: () => now });
    sdk = clients(harness.endpoint);
    password = await testUsersPassword(harness, sdk.secrets);
    // The pool's own key, so the tests below can show that aud/token_use checks hold even for validly signed tokens.
    const stored = JSON.parse(readFileSync(join(directory, 'signing-key.json'), 'utf8')) as { privateJwk: Record<string, string> };
    poolKey = createPrivateKey({ key: stored.privateJwk, format: 'jwk' });
  });
  afterAll(async () => {
    await harness.close();
    rmSync(directory, { recursive: true, force: true });
  });

  async function resign(token: string, change: (claims: JWTPayload) => JWTPayload, key: KeyLike = poolKey): Promise<string> {
    const claims = change(decodeJwt(token));
    return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: decodeProtectedHeader(token).kid }).sign(key);
  }

  const getId = (token?: string, identityPoolId = harness.plane.ids.identityPoolId) =>
    sdk.identity.send(new GetIdCommand({ IdentityPoolId: identityPoolId, ...(token ? { Logins: logins(token) } : {}) }));

  it('lists and describes the identity pool as AWS does', async () => {
    const { ids } = harness.plane;
    expect((await sdk.identity.send(new ListIdentityPoolsCommand({ MaxResults: 60 }))).IdentityPools).toEqual([
      { IdentityPoolId: ids.identityPoolId, IdentityPoolName: 'shop-platform-IdentityPool' },
    ]);
    const described = await sdk.identity.send(new DescribeIdentityPoolCommand({ IdentityPoolId: ids.identityPoolId }));
    expect(described).toMatchObject({
      IdentityPoolId: ids.identityPoolId,
      IdentityPoolName: 'shop-platform-IdentityPool',
      AllowUnauthenticatedIdentities: true,
      AllowClassicFlow: false,
      CognitoIdentityProviders: [
        { ProviderName: `cognito-idp.eu-central-1.amazonaws.com/${ids.userPoolId}`, ClientId: ids.userPoolClientId, ServerSideTokenCheck: true },
      ],
    });
    const roles = await sdk.identity.send(new GetIdentityPoolRolesCommand({ IdentityPoolId: ids.identityPoolId }));
    expect(roles.Roles).toEqual({
      authenticated: 'arn:aws:iam::000000000000:role/shop-platform-IdentityPool-AuthenticatedDefaultRole',
      unauthenticated: 'arn:aws:iam::000000000000:role/shop-platform-IdentityPool-UnauthenticatedRole',
    });
    expect(roles.RoleMappings?.[`${ids.userPoolProviderName}:${ids.userPoolClientId}`]?.RulesConfiguration?.Rules).toEqual([
      { Claim: 'custom:role', MatchType: 'Equals', Value: 'shop_owner', RoleARN: 'arn:aws:iam::000000000000:role/shop-platform-IdentityPool-ShopOwnerRole' },
      { Claim: 'custom:role', MatchType: 'Equals', Value: 'admin', RoleARN: 'arn:aws:iam::000000000000:role/shop-platform-IdentityPool-AdminRole' },
    ]);
  });

  it('gives guests a new identity and each user always the same one', async () => {
    const guest1 = await getId();
    const guest2 = await getId();
    expect(guest1.IdentityId).toMatch(/^eu-central-1:[0-9a-f-]{36}$/);
    expect(guest2.IdentityId).not.toBe(guest1.IdentityId);
    const first = await signIn(harness, sdk.idp, 'shop1owner@example.com', password);
    const second = await signIn(harness, sdk.idp, 'shop1owner@example.com', password);
    const id1 = await getId(first.idToken);
    expect((await getId(second.idToken)).IdentityId).toBe(id1.IdentityId);
    const other = await signIn(harness, sdk.idp, 'shop2owner@example.com', password);
    expect((await getId(other.idToken)).IdentityId).not.toBe(id1.IdentityId);
  });

  it('answers an unknown identity pool with ResourceNotFoundException', async () => {
    expect(await failure(getId(undefined, 'eu-central-1:00000000-0000-4000-8000-000000000000'))).toMatchObject({
      name: 'ResourceNotFoundException',
      message: "IdentityPool 'eu-central-1:00000000-0000-4000-8000-000000000000' not found.",
    });
  });

  it('refuses a login for another provider', async () => {
    const tokens = await signIn(harness, sdk.idp, 'shop1owner@example.com', password);
    const call = sdk.identity.send(
      new GetIdCommand({ IdentityPoolId: harness.plane.ids.identityPoolId, Logins: { 'cognito-idp.eu-central-1.amazonaws.com/eu-central-1_Other1234': tokens.idToken } }),
    );
    expect(await failure(call)).toEqual({ name: 'NotAuthorizedException', message: 'Token is not from a supported provider of this identity pool.', status: 400 });
  });

  describe('rejects login tokens that are not valid ID tokens of the app client', () => {
    let tokens: { idToken: string; accessToken: string };
    beforeAll(async () => {
      tokens = await signIn(harness, sdk.idp, 'registeredcustomer1@example.com', password);
    });

    const rejected = async (token: string, message: string) => {
      const identity = await getId((await signIn(harness, sdk.idp, 'registeredcustomer1@example.com', password)).idToken);
      // One call at a time: a second, already started call could reject while nobody awaits it.
      for (const call of [
        () => getId(token),
        () => sdk.identity.send(new GetCredentialsForIdentityCommand({ IdentityId: identity.IdentityId, Logins: logins(token) })),
      ]) {
        expect(await failure(call())).toEqual({ name: 'NotAuthorizedException', message, status: 400 });
      }
    };

    it('an access token', () => rejected(tokens.accessToken, 'Invalid login token. Missing a required claim: aud'));
    it('an access token relabelled as an ID token but without the audience', async () =>
      rejected(await resign(tokens.accessToken, (claims) => ({ ...claims, token_use: 'id' })), 'Invalid login token. Missing a required claim: aud'));
    it('an access token given the client as audience (token_use still access)', async () =>
      rejected(await resign(tokens.accessToken, (claims) => ({ ...claims, aud: harness.plane.ids.userPoolClientId })), 'Invalid login token. Not a valid OpenId Connect identity token.'));
    it('an ID token for another app client', async () =>
      rejected(await resign(tokens.idToken, (claims) => ({ ...claims, aud: 'anotherclientid000000000000' })), 'Invalid login token. Incorrect token audience.'));
    it('an ID token from another issuer', async () =>
      rejected(await resign(tokens.idToken, (claims) => ({ ...claims, iss: 'https://cognito-idp.eu-central-1.amazonaws.com/eu-central-1_Other1234' })), "Invalid login token. Issuer doesn't match providerName"));
    it('an expired ID token', async () =>
      rejected(await resign(tokens.idToken, (claims) => ({ ...claims, iat: Math.floor(now / 1000) - 7200, exp: Math.floor(now / 1000) - 3600 })), 'Invalid login token. Token expired.'));
    it('an ID token re-signed with another key', async () => {
      const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      await rejected(await resign(tokens.idToken, (claims) => ({ ...claims, 'custom:role': 'admin' }), privateKey), 'Invalid login token. Not a valid OpenId Connect identity token.');
    });
    it('an ID token with alg none', async () => {
      const [, payload] = tokens.idToken.split('.');
      const header = Buffer.from(JSON.stringify({ alg: 'none', kid: decodeProtectedHeader(tokens.idToken).kid })).toString('base64url');
      await rejected(`${header}.${payload}.`, 'Invalid login token. Not a valid OpenId Connect identity token.');
    });
    it('an ID token with a changed claim', async () => {
      const [header, payload, signature] = tokens.idToken.split('.');
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
      const changed = Buffer.from(JSON.stringify({ ...claims, 'custom:role': 'admin' })).toString('base64url');
      await rejected(`${header}.${changed}.${signature}`, 'Invalid login token. Not a valid OpenId Connect identity token.');
    });
    it('garbage', () => rejected('not-a-jwt', 'Invalid login token. Not a valid OpenId Connect identity token.'));
  });

  it('expires ID tokens with the clock', async () => {
    const tokens = await signIn(harness, sdk.idp, 'adminuser@example.com', password);
    const identity = await getId(tokens.idToken);
    now += 3601_000;
    try {
      expect(await failure(sdk.identity.send(new GetCredentialsForIdentityCommand({ IdentityId: identity.IdentityId, Logins: logins(tokens.idToken) })))).toMatchObject({
        name: 'NotAuthorizedException',
        message: 'Invalid login token. Token expired.',
      });
    } finally {
      now -= 3601_000;
    }
  });

  it('requires an authenticated identity to present its own login again', async () => {
    const owner = await signIn(harness, sdk.idp, 'shop1owner@example.com', password);
    const other = await signIn(harness, sdk.idp, 'registeredcustomer1@example.com', password);
    const identity = await getId(owner.idToken);
    const mismatch = { name: 'NotAuthorizedException', message: "Logins don't match. Please include at least one valid login for this identity or identity pool.", status: 400 };
    expect(await failure(sdk.identity.send(new GetCredentialsForIdentityCommand({ IdentityId: identity.IdentityId })))).toEqual(mismatch);
    expect(await failure(sdk.identity.send(new GetCredentialsForIdentityCommand({ IdentityId: identity.IdentityId, Logins: logins(other.idToken) })))).toEqual(mismatch);
    expect(await failure(sdk.identity.send(new GetCredentialsForIdentityCommand({ IdentityId: 'eu-central-1:00000000-0000-4000-8000-000000000000' })))).toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });

  it('refuses a CustomRoleArn other than the role the rules grant', async () => {
    const customer = await signIn(harness, sdk.idp, 'registeredcustomer1@example.com', password);
    const identity = await getId(customer.idToken);
    const adminRole = 'arn:aws:iam::000000000000:role/shop-platform-IdentityPool-AdminRole';
    const escalate = sdk.identity.send(new GetCredentialsForIdentityCommand({ IdentityId: identity.IdentityId, Logins: logins(customer.idToken), CustomRoleArn: adminRole }));
    expect(await failure(escalate)).toMatchObject({ name: 'NotAuthorizedException', message: expect.stringContaining(adminRole) });
    const guest = await getId();
    const guestEscalate = sdk.identity.send(new GetCredentialsForIdentityCommand({ IdentityId: guest.IdentityId, CustomRoleArn: adminRole }));
    expect(await failure(guestEscalate)).toMatchObject({ name: 'NotAuthorizedException' });
    const granted = await sdk.identity.send(
      new GetCredentialsForIdentityCommand({
        IdentityId: identity.IdentityId,
        Logins: logins(customer.idToken),
        CustomRoleArn: 'arn:aws:iam::000000000000:role/shop-platform-IdentityPool-AuthenticatedDefaultRole',
      }),
    );
    expect(harness.plane.credentials.lookup(granted.Credentials?.AccessKeyId ?? '')?.principal).toMatchObject({ roleName: 'shop-platform-IdentityPool-AuthenticatedDefaultRole' });
  });

  it('refuses to link a login to a guest identity instead of silently doing so', async () => {
    const guest = await getId();
    const customer = await signIn(harness, sdk.idp, 'registeredcustomer1@example.com', password);
    expect(await failure(sdk.identity.send(new GetCredentialsForIdentityCommand({ IdentityId: guest.IdentityId, Logins: logins(customer.idToken) })))).toMatchObject({
      name: 'InvalidParameterException',
    });
  });

  it('answers GetOpenIdToken with the classic-flow error', async () => {
    const guest = await getId();
    expect(await failure(sdk.identity.send(new GetOpenIdTokenCommand({ IdentityId: guest.IdentityId })))).toEqual({
      name: 'InvalidParameterException',
      message: 'Basic (classic) flow is not enabled, please use enhanced flow.',
      status: 400,
    });
  });

  it('issues credentials whose expiration is an hour away', async () => {
    const guest = await getId();
    const response = await sdk.identity.send(new GetCredentialsForIdentityCommand({ IdentityId: guest.IdentityId }));
    expect(response.IdentityId).toBe(guest.IdentityId);
    expect(response.Credentials?.AccessKeyId).toMatch(/^ASIA[A-Z0-9]{16}$/);
    expect(response.Credentials?.SecretKey).toHaveLength(40);
    expect(response.Credentials?.Expiration?.getTime()).toBe(Math.floor((now + 3600_000) / 1000) * 1000);
  });
});
