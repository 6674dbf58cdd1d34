import { createPrivateKey, createPublicKey, generateKeyPairSync, type JsonWebKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CognitoIdentityClient,
  GetCredentialsForIdentityCommand,
  GetIdCommand,
  GetOpenIdTokenCommand,
} from '@aws-sdk/client-cognito-identity';
import {
  AdminGetUserCommand,
  AdminSetUserPasswordCommand,
  AdminUpdateUserAttributesCommand,
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
  ListUsersCommand,
  SignUpCommand,
  UpdateUserAttributesCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { AssumeRoleWithWebIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { decodeJwt, decodeProtectedHeader, exportJWK, SignJWT, UnsecuredJWT, type JWTPayload } from 'jose';
import { iamRoleName } from '../../../platform/caller-roles';
import { testUsers } from '../../../platform/test-users';
import { expectNoDataChange } from '../../support/business-data';
import { startOfflinePlatform, type OfflinePlatform } from '../../support/offline-platform';
import type { AwsCredentials } from '../../support/signed-fetch';
import { anonymousClientConfig, orderBody } from './support';

/**
 * Attacks on identity: giving oneself a role or a shop, forged and misused
 * tokens, role escalation through the identity pool, the classic flow, and
 * guest credentials on control-plane operations. Public Cognito and STS
 * operations are called with no AWS keys at all; everything else with
 * credentials the attacker really holds. The root keys only look at the result.
 */
const accountId = '000000000000';
const customerEmail = testUsers.registeredCustomer1.email;
let platform: OfflinePlatform;
let dataDirectory: string;
let anonymous: { idp: CognitoIdentityProviderClient; identity: CognitoIdentityClient; sts: STSClient };
let provider: string;
let customerIdentityId: string;

beforeAll(async () => {
  // On a data directory (the default), so the pool's signing key can be read back: forging "a token the pool issued" needs it.
  platform = await startOfflinePlatform();
  dataDirectory = platform.runtime.outputs.dataDirectory;
  const config = anonymousClientConfig(platform.endpoint, platform.settings.region);
  anonymous = { idp: new CognitoIdentityProviderClient(config), identity: new CognitoIdentityClient(config), sts: new STSClient(config) };
  provider = `cognito-idp.${platform.settings.region}.amazonaws.com/${platform.runtime.outputs.userPoolId}`;
  customerIdentityId = (await platform.credentials({ email: customerEmail })).identityId;
});

afterAll(async () => {
  for (const client of Object.values(anonymous ?? {})) client.destroy();
  await platform?.close();
});

const roleArn = (role: Parameters<typeof iamRoleName>[1]) => `arn:aws:iam::${accountId}:role/${iamRoleName(platform.settings.prefix, role)}`;
const userAttributes = async (email: string) =>
  (await platform.clients.idp.send(new AdminGetUserCommand({ UserPoolId: platform.runtime.outputs.userPoolId, Username: email })))
    .UserAttributes;
const signIn = async (email: string, password: string) =>
  (
    await anonymous.idp.send(
      new InitiateAuthCommand({
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: platform.runtime.outputs.userPoolClientId,
        AuthParameters: { USERNAME: email, PASSWORD: password },
      }),
    )
  ).AuthenticationResult!;
const getId = (token: string) =>
  anonymous.identity.send(new GetIdCommand({ IdentityPoolId: platform.runtime.outputs.identityPoolId, Logins: { [provider]: token } }));
const getCredentials = (token: string, identityId = customerIdentityId) =>
  anonymous.identity.send(new GetCredentialsForIdentityCommand({ IdentityId: identityId, Logins: { [provider]: token } }));

describe('nobody gives themselves a role or a shop', () => {
  const unauthorizedAttribute = { name: 'NotAuthorizedException', message: 'A client attempted to write unauthorized attribute' };

  it.each([
    ['custom:role = admin', 'signup.role@example.com', { 'custom:role': 'admin' }],
    ['custom:shopId = 0001', 'signup.shop@example.com', { 'custom:shopId': '0001' }],
    ['custom:role = shop_owner and custom:shopId = 0001', 'signup.both@example.com', { 'custom:role': 'shop_owner', 'custom:shopId': '0001' }],
  ])('refuses a self sign-up writing %s, and no such user exists afterwards', async (_what, email, attributes) => {
    const signUp = new SignUpCommand({
      ClientId: platform.runtime.outputs.userPoolClientId,
      Username: email,
      Password: 'Mallory1Password',
      UserAttributes: [{ Name: 'email', Value: email }, ...Object.entries(attributes).map(([Name, Value]) => ({ Name, Value }))],
    });
    await expect(anonymous.idp.send(signUp)).rejects.toMatchObject(unauthorizedAttribute);
    await expect(userAttributes(email)).rejects.toMatchObject({ name: 'UserNotFoundException', message: 'User does not exist.' });
  });

  it.each([
    ['custom:role = admin', { Name: 'custom:role', Value: 'admin' }],
    ['custom:shopId = 0001', { Name: 'custom:shopId', Value: '0001' }],
  ])("refuses registeredcustomer1's own UpdateUserAttributes writing %s; the user is unchanged", async (_what, attribute) => {
    const { AccessToken } = await signIn(customerEmail, await platform.password());
    const before = await userAttributes(customerEmail);
    expect(before).toContainEqual({ Name: 'custom:role', Value: 'customer' });
    await expect(
      anonymous.idp.send(new UpdateUserAttributesCommand({ AccessToken, UserAttributes: [attribute] })),
    ).rejects.toMatchObject(unauthorizedAttribute);
    expect(await userAttributes(customerEmail)).toEqual(before);
  });
});

describe('deeply nested JSON on the unsigned user-pool and identity-pool operations', () => {
  const send = async (target: string, body: string) => {
    const response = await fetch(platform.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target },
      body,
    });
    return { status: response.status, body: (await response.json()) };
  };
  const tooDeep = { __type: 'SerializationException', message: 'Request body is not valid JSON: it nests objects and arrays more than 100 deep' };

  it.each([
    ['SignUp with ClientId nested 100,000 deep', 'AWSCognitoIdentityProviderService.SignUp', `{"ClientId":${'['.repeat(100_000)}${']'.repeat(100_000)}}`],
    ['InitiateAuth with AuthParameters nested 100,000 deep', 'AWSCognitoIdentityProviderService.InitiateAuth', `{"AuthParameters":${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}}`],
    ['GetId with Logins nested 100,000 deep', 'AWSCognitoIdentityService.GetId', `{"Logins":${'['.repeat(100_000)}${']'.repeat(100_000)}}`],
  ])('%s → 400 SerializationException naming the depth', async (_what, target, body) => {
    expect(await send(target, body)).toEqual({ status: 400, body: tooDeep });
  });
});

describe("nobody takes over an e-mail address they do not own", () => {
  it("keeps a changed e-mail pending until verified: the squatter cannot sign in with it, AdminGetUser does not resolve it, the owner can still sign up", async () => {
    const squatter = await platform.createUser('squatter@example.com', { 'custom:role': 'customer' });
    const victim = 'victim.owner@example.com';
    const { AccessToken } = await signIn(squatter.email, squatter.password);
    await anonymous.idp.send(new UpdateUserAttributesCommand({ AccessToken, UserAttributes: [{ Name: 'email', Value: victim }] }));

    await expect(signIn(victim, squatter.password)).rejects.toMatchObject({ name: 'NotAuthorizedException' });
    await expect(userAttributes(victim)).rejects.toMatchObject({ name: 'UserNotFoundException' });
    expect(await userAttributes(squatter.email)).toContainEqual({ Name: 'email', Value: squatter.email });
    expect((await signIn(squatter.email, squatter.password)).IdToken).toEqual(expect.any(String));
    await expect(
      anonymous.idp.send(
        new SignUpCommand({
          ClientId: platform.runtime.outputs.userPoolClientId,
          Username: victim,
          Password: 'Victim1Password',
          UserAttributes: [{ Name: 'email', Value: victim }],
        }),
      ),
    ).resolves.toMatchObject({ UserConfirmed: false });
  });
});

describe('only a valid ID token of this pool and app client buys credentials', () => {
  let poolKey: { kid: string; privateKey: KeyObject };
  let customerIdToken: string;
  let customerClaims: JWTPayload;

  beforeAll(async () => {
    const stored = JSON.parse(readFileSync(join(dataDirectory, 'signing-key.json'), 'utf8')) as { kid: string; privateJwk: JsonWebKey };
    poolKey = { kid: stored.kid, privateKey: createPrivateKey({ key: stored.privateJwk, format: 'jwk' }) };
    customerIdToken = await platform.idToken(customerEmail);
    customerClaims = decodeJwt(customerIdToken);
  });

  const signedByPool = (claims: JWTPayload) =>
    new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: poolKey.kid }).sign(poolKey.privateKey);
  /** GetId and GetCredentialsForIdentity must both refuse the token, with the same error. */
  const expectRefusedEverywhere = async (token: string, message: string) => {
    const refusal = { name: 'NotAuthorizedException', message };
    await expect(getId(token)).rejects.toMatchObject(refusal);
    await expect(getCredentials(token)).rejects.toMatchObject(refusal);
  };
  const notAnIdToken = 'Invalid login token. Not a valid OpenId Connect identity token.';

  it("control: the customer's claims re-signed unchanged with the pool's key are accepted, so each refusal below is for what was changed", async () => {
    const token = await signedByPool(customerClaims);
    expect(decodeProtectedHeader(token)).toEqual(decodeProtectedHeader(customerIdToken));
    expect((await getId(token)).IdentityId).toBe(customerIdentityId);
    expect((await getCredentials(token)).Credentials?.AccessKeyId).toMatch(/^ASIA/);
  });

  it('refuses an access token in Logins for GetId', async () => {
    const { AccessToken } = await signIn(customerEmail, await platform.password());
    await expect(getId(AccessToken!)).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Invalid login token. Missing a required claim: aud',
    });
  });

  it('refuses an access token in Logins for GetCredentialsForIdentity', async () => {
    const { AccessToken } = await signIn(customerEmail, await platform.password());
    await expect(getCredentials(AccessToken!)).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Invalid login token. Missing a required claim: aud',
    });
  });

  it("refuses an ID token issued for another app client (aud changed, re-signed with the pool's key)", async () => {
    await expectRefusedEverywhere(
      await signedByPool({ ...customerClaims, aud: 'anotherappclient0000000000' }),
      'Invalid login token. Incorrect token audience.',
    );
  });

  it("refuses an expired ID token (exp in the past, re-signed with the pool's key)", async () => {
    const iat = Math.floor(Date.now() / 1000) - 7200;
    await expectRefusedEverywhere(await signedByPool({ ...customerClaims, iat, auth_time: iat, exp: iat + 3600 }), 'Invalid login token. Token expired.');
  });

  it('refuses an ID token claiming custom:role admin, re-signed with another key under the pool key id', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const forged = await new SignJWT({ ...customerClaims, 'custom:role': 'admin' })
      .setProtectedHeader({ alg: 'RS256', kid: poolKey.kid })
      .sign(privateKey);
    await expectRefusedEverywhere(forged, notAnIdToken);
  });

  it('refuses an ID token that carries its own signing key in the jwk header', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const forged = await new SignJWT({ ...customerClaims, 'custom:role': 'admin' })
      .setProtectedHeader({ alg: 'RS256', kid: poolKey.kid, jwk: await exportJWK(publicKey) })
      .sign(privateKey);
    await expectRefusedEverywhere(forged, notAnIdToken);
  });

  it('refuses an alg: none ID token claiming custom:role admin', async () => {
    const unsigned = new UnsecuredJWT({ ...customerClaims, 'custom:role': 'admin' }).encode();
    expect(decodeProtectedHeader(unsigned)).toEqual({ alg: 'none' });
    await expectRefusedEverywhere(unsigned, notAnIdToken);
  });

  it("refuses an HS256 ID token keyed with the pool's public key from its JWKS (algorithm confusion)", async () => {
    const jwksUrl = `${platform.endpoint}/${platform.runtime.outputs.userPoolId}/.well-known/jwks.json`;
    const jwks = (await (await fetch(jwksUrl)).json()) as { keys: JsonWebKey[] };
    const publicPem = createPublicKey({ key: jwks.keys[0], format: 'jwk' }).export({ type: 'spki', format: 'pem' });
    const forged = await new SignJWT({ ...customerClaims, 'custom:role': 'admin' })
      .setProtectedHeader({ alg: 'HS256', kid: poolKey.kid })
      .sign(new TextEncoder().encode(String(publicPem)));
    await expectRefusedEverywhere(forged, notAnIdToken);
  });

  it("refuses a real ID token filed under another user pool's provider name", async () => {
    const foreignProvider = `cognito-idp.${platform.settings.region}.amazonaws.com/${platform.settings.region}_Attacker01`;
    await expect(
      anonymous.identity.send(
        new GetIdCommand({ IdentityPoolId: platform.runtime.outputs.identityPoolId, Logins: { [foreignProvider]: customerIdToken } }),
      ),
    ).rejects.toMatchObject({ name: 'NotAuthorizedException', message: 'Token is not from a supported provider of this identity pool.' });
  });
});

describe('nobody picks a role or an identity the pool did not grant', () => {
  const loginsMismatch = "Logins don't match. Please include at least one valid login for this identity or identity pool.";

  it('refuses CustomRoleArn of the admin role to registeredcustomer1, whose own credentials cannot read /prod/service-stats', async () => {
    const token = await platform.idToken(customerEmail);
    await expect(
      anonymous.identity.send(
        new GetCredentialsForIdentityCommand({ IdentityId: customerIdentityId, Logins: { [provider]: token }, CustomRoleArn: roleArn('admin') }),
      ),
    ).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: `CustomRoleArn ${roleArn('admin')} is not a role this identity may assume; the identity pool's rules grant ${roleArn('customer')}.`,
    });

    const { Credentials } = await getCredentials(token);
    const answer = await platform.call(
      { accessKeyId: Credentials!.AccessKeyId!, secretAccessKey: Credentials!.SecretKey!, sessionToken: Credentials!.SessionToken! },
      { path: '/prod/service-stats' },
    );
    const principal = `arn:aws:sts::${accountId}:assumed-role/${iamRoleName(platform.settings.prefix, 'customer')}/CognitoIdentityCredentials`;
    const method = `arn:aws:execute-api:${platform.settings.region}:${accountId}:${platform.runtime.outputs.apiId}/prod/GET/service-stats`;
    expect(answer.status).toBe(403);
    expect(answer.body).toEqual({ Message: `User: ${principal} is not authorized to perform: execute-api:Invoke on resource: ${method}` });
  });

  it("refuses registeredcustomer1's ID token for the admin's identity id", async () => {
    const adminIdentityId = (await platform.credentials({ email: testUsers.admin.email })).identityId;
    await expect(getCredentials(await platform.idToken(customerEmail), adminIdentityId)).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: loginsMismatch,
    });
  });

  it("refuses credentials for the admin's identity id to a caller with no login at all", async () => {
    const adminIdentityId = (await platform.credentials({ email: testUsers.admin.email })).identityId;
    await expect(anonymous.identity.send(new GetCredentialsForIdentityCommand({ IdentityId: adminIdentityId }))).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: loginsMismatch,
    });
  });

  it("refuses a shop owner the credentials of a guest whose order they see: the order names no identity to ask for", async () => {
    // An unauthenticated identity id is all GetCredentialsForIdentity asks for, so it must never be shown to anyone else.
    const guest = await platform.credentials({ guest: true });
    const placed = await platform.call(guest, {
      method: 'POST',
      path: `/prod/order?shopToken=${await platform.shopToken('0001')}`,
      body: orderBody(),
    });
    expect(placed.status).toBe(201);
    const { orderId } = placed.body as { orderId: string };
    const shop1Owner = await platform.credentials({ email: testUsers.shop1Owner.email });
    const listed = await platform.call(shop1Owner, { path: '/prod/shop/0001/orders' });
    const read = await platform.call(shop1Owner, { path: `/prod/order/${orderId}` });
    const guestUuid = guest.identityId.split(':')[1];
    expect([listed.status, read.status]).toEqual([200, 200]);
    expect(JSON.stringify([listed.body, read.body])).not.toContain(guestUuid);

    // What worked before: the customer id's `v#<uuid>` turned back into `<region>:<uuid>`.
    const { customerId } = read.body as { customerId: string };
    await expect(
      anonymous.identity.send(new GetCredentialsForIdentityCommand({ IdentityId: `${platform.settings.region}:${customerId.slice(2)}` })),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: "1 validation error detected: Value at 'identityId' failed to satisfy constraint: Member must have length between 1 and 55",
    });
  });

  it('refuses the basic (classic) flow: GetOpenIdToken', async () => {
    await expect(
      anonymous.identity.send(
        new GetOpenIdTokenCommand({ IdentityId: customerIdentityId, Logins: { [provider]: await platform.idToken(customerEmail) } }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameterException', message: 'Basic (classic) flow is not enabled, please use enhanced flow.' });
  });

  it('refuses STS AssumeRoleWithWebIdentity into the admin role, even with a real ID token', async () => {
    await expect(
      anonymous.sts.send(
        new AssumeRoleWithWebIdentityCommand({
          RoleArn: roleArn('admin'),
          RoleSessionName: 'escalation',
          WebIdentityToken: await platform.idToken(customerEmail),
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidIdentityTokenException', message: expect.stringMatching(/^The web identity token is not valid/) });
  });
});

describe('guest credentials on the control plane', () => {
  let guest: AwsCredentials;
  let clients: { idp: CognitoIdentityProviderClient; secrets: SecretsManagerClient; dynamoDb: DynamoDBClient };

  beforeAll(async () => {
    guest = await platform.credentials({ guest: true });
    const config = { endpoint: platform.endpoint, region: platform.settings.region, credentials: guest };
    clients = { idp: new CognitoIdentityProviderClient(config), secrets: new SecretsManagerClient(config), dynamoDb: new DynamoDBClient(config) };
  });

  afterAll(() => {
    for (const client of Object.values(clients ?? {})) client.destroy();
  });

  const userPoolArn = () => platform.runtime.outputs.userPoolArn;
  /** AWS's wording, with the guest role as the principal. */
  const deniedTo = (action: string, resource: string | RegExp) => {
    const principal = `arn:aws:sts::${accountId}:assumed-role/${iamRoleName(platform.settings.prefix, 'guest')}/CognitoIdentityCredentials`;
    const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const resourcePattern = typeof resource === 'string' ? escape(resource) : resource.source;
    const before = escape(`User: ${principal} is not authorized to perform: ${action} on resource: `);
    const after = escape(` because no identity-based policy allows the ${action} action`);
    return { name: 'AccessDeniedException', message: expect.stringMatching(new RegExp(`^${before}${resourcePattern}${after}$`)) };
  };
  const poolId = () => platform.runtime.outputs.userPoolId;

  it('refuses AdminUpdateUserAttributes promoting registeredcustomer1 to admin; the role stays customer', async () => {
    await expectNoDataChange(platform.endpoint, async () => {
      await expect(
        clients.idp.send(
          new AdminUpdateUserAttributesCommand({ UserPoolId: poolId(), Username: customerEmail, UserAttributes: [{ Name: 'custom:role', Value: 'admin' }] }),
        ),
      ).rejects.toMatchObject(deniedTo('cognito-idp:AdminUpdateUserAttributes', userPoolArn()));
    });
    expect(await userAttributes(customerEmail)).toContainEqual({ Name: 'custom:role', Value: 'customer' });
  });

  it('refuses AdminGetUser', async () => {
    await expect(clients.idp.send(new AdminGetUserCommand({ UserPoolId: poolId(), Username: customerEmail }))).rejects.toMatchObject(
      deniedTo('cognito-idp:AdminGetUser', userPoolArn()),
    );
  });

  it('refuses ListUsers', async () => {
    await expect(clients.idp.send(new ListUsersCommand({ UserPoolId: poolId() }))).rejects.toMatchObject(
      deniedTo('cognito-idp:ListUsers', userPoolArn()),
    );
  });

  it("refuses AdminSetUserPassword on registeredcustomer1; the old password still signs in, the attacker's does not", async () => {
    const attackerPassword = 'Attacker1Password';
    await expectNoDataChange(platform.endpoint, async () => {
      await expect(
        clients.idp.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId(), Username: customerEmail, Password: attackerPassword, Permanent: true })),
      ).rejects.toMatchObject(deniedTo('cognito-idp:AdminSetUserPassword', userPoolArn()));
    });
    expect((await signIn(customerEmail, await platform.password())).IdToken).toBeTruthy();
    await expect(signIn(customerEmail, attackerPassword)).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Incorrect username or password.',
    });
  });

  it("refuses GetSecretValue of the test users' password secret", async () => {
    const secretArn = new RegExp(
      `arn:aws:secretsmanager:${platform.settings.region}:${accountId}:secret:${platform.runtime.outputs.testUsersSecretName}-[A-Za-z0-9]{6}`,
    );
    await expect(
      clients.secrets.send(new GetSecretValueCommand({ SecretId: platform.runtime.outputs.testUsersSecretName })),
    ).rejects.toMatchObject(deniedTo('secretsmanager:GetSecretValue', secretArn));
  });

  it('refuses a DynamoDB Scan of the table', async () => {
    const tableArn = `arn:aws:dynamodb:${platform.settings.region}:${accountId}:table/${platform.runtime.outputs.tableName}`;
    await expectNoDataChange(platform.endpoint, async () => {
      await expect(clients.dynamoDb.send(new ScanCommand({ TableName: platform.runtime.outputs.tableName }))).rejects.toMatchObject(
        deniedTo('dynamodb:Scan', tableArn),
      );
    });
  });
});
