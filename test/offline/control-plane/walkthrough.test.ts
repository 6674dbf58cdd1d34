import { ConfirmSignUpCommand, ListUserPoolClientsCommand, ListUserPoolsCommand, SignUpCommand } from '@aws-sdk/client-cognito-identity-provider';
import { GetCredentialsForIdentityCommand, GetIdCommand } from '@aws-sdk/client-cognito-identity';
import { testUsers } from '../../../platform/test-users';
import type { AssumedRolePrincipal } from '../../../offline/credentials/types';
import { clients, signIn, testUsersPassword, type Clients } from './support/clients';
import { confirmationCode, startTestControlPlane, type TestControlPlane } from './support/server';

/** The walkthrough of the original platform, with the real SDK v3 clients. */
describe('walkthrough with the AWS SDK', () => {
  let harness: TestControlPlane;
  let sdk: Clients;
  let password: string;
  beforeAll(async () => {
    harness = await startTestControlPlane();
    sdk = clients(harness.endpoint);
  });
  afterAll(() => harness.close());

  async function credentialsPrincipal(idToken?: string): Promise<AssumedRolePrincipal> {
    const { ids } = harness.plane;
    const logins = idToken ? { [ids.userPoolProviderName]: idToken } : undefined;
    const { IdentityId } = await sdk.identity.send(new GetIdCommand({ IdentityPoolId: ids.identityPoolId, Logins: logins }));
    const response = await sdk.identity.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins: logins }));
    const found = harness.plane.credentials.lookup(response.Credentials?.AccessKeyId ?? '');
    expect(found).toMatchObject({ secretAccessKey: response.Credentials?.SecretKey, sessionToken: response.Credentials?.SessionToken, expired: false });
    if (found?.principal.kind !== 'assumed-role') throw new Error('expected an assumed-role session');
    expect(found.principal.identityId).toBe(IdentityId);
    return found.principal;
  }

  it('lists the user pool and its client, and reads the test users password', async () => {
    const pools = await sdk.idp.send(new ListUserPoolsCommand({ MaxResults: 60 }));
    const pool = pools.UserPools?.find((candidate) => candidate.Name === 'shop-platform-UserPool');
    expect(pool?.Id).toBe(harness.plane.ids.userPoolId);
    const poolClients = await sdk.idp.send(new ListUserPoolClientsCommand({ UserPoolId: pool?.Id, MaxResults: 60 }));
    expect(poolClients.UserPoolClients?.[0]?.ClientId).toBe(harness.plane.ids.userPoolClientId);
    password = await testUsersPassword(harness, sdk.secrets);
  });

  it.each([
    [testUsers.shop1Owner.email, 'ShopOwnerRole', { shopId: '0001', role: 'shop_owner' }],
    [testUsers.shop2Owner.email, 'ShopOwnerRole', { shopId: '0002', role: 'shop_owner' }],
    [testUsers.admin.email, 'AdminRole', { role: 'admin' }],
    [testUsers.registeredCustomer1.email, 'AuthenticatedDefaultRole', { role: 'customer' }],
  ])('signs in %s and gets the %s with its principal tags', async (email, roleSuffix, tags) => {
    const tokens = await signIn(harness, sdk.idp, email, password);
    const principal = await credentialsPrincipal(tokens.idToken);
    const { ids } = harness.plane;
    const user = harness.users().find((candidate) => candidate.email === email);
    expect(principal).toEqual({
      kind: 'assumed-role',
      roleName: `shop-platform-IdentityPool-${roleSuffix}`,
      roleArn: `arn:aws:iam::000000000000:role/shop-platform-IdentityPool-${roleSuffix}`,
      arn: `arn:aws:sts::000000000000:assumed-role/shop-platform-IdentityPool-${roleSuffix}/CognitoIdentityCredentials`,
      identityPoolId: ids.identityPoolId,
      identityId: expect.any(String),
      authenticationType: 'authenticated',
      authenticationProvider: `${ids.userPoolProviderName},${ids.userPoolProviderName}:CognitoSignIn:${user?.username}`,
      principalTags: { ...tags, cognito_user_sub: user?.username, cognito_app_id: ids.userPoolClientId },
      amr: ['authenticated', ids.userPoolProviderName, `${ids.userPoolProviderName}:CognitoSignIn:${user?.username}`],
    });
  });

  it('gives guests the unauthenticated role without tags', async () => {
    const principal = await credentialsPrincipal();
    expect(principal).toMatchObject({
      roleName: 'shop-platform-IdentityPool-UnauthenticatedRole',
      authenticationType: 'unauthenticated',
      principalTags: {},
      amr: ['unauthenticated'],
      sessionPolicySet: 'cognito-unauthenticated-enhanced-flow',
    });
    expect(principal.authenticationProvider).toBeUndefined();
  });

  it('gives a self-signed-up user the customer role only', async () => {
    const email = 'walkthrough-signup@example.com';
    const clientId = harness.plane.ids.userPoolClientId;
    await sdk.idp.send(new SignUpCommand({ ClientId: clientId, Username: email, Password: 'Walkthr0ugh', UserAttributes: [{ Name: 'name', Value: 'Walker' }] }));
    await sdk.idp.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: email, ConfirmationCode: confirmationCode(harness.messages, email) }));
    const principal = await credentialsPrincipal((await signIn(harness, sdk.idp, email, 'Walkthr0ugh')).idToken);
    expect(principal.roleName).toBe('shop-platform-IdentityPool-AuthenticatedDefaultRole');
    expect(principal.principalTags).not.toHaveProperty('shopId');
    expect(principal.principalTags).not.toHaveProperty('role');
  });

  it('lists the test users without their password', () => {
    const listed = harness.users();
    expect(listed.map((user) => [user.email, user.attributes['custom:role'], user.attributes['custom:shopId'], user.status])).toEqual([
      ['adminuser@example.com', 'admin', undefined, 'CONFIRMED'],
      ['registeredcustomer1@example.com', 'customer', undefined, 'CONFIRMED'],
      ['shop1owner@example.com', 'shop_owner', '0001', 'CONFIRMED'],
      ['shop2owner@example.com', 'shop_owner', '0002', 'CONFIRMED'],
    ]);
    expect(JSON.stringify(listed)).not.toContain(password);
    expect(harness.messages.join('\n')).not.toContain(password);
  });
});
