import { ListIdentityPoolsCommand } from '@aws-sdk/client-cognito-identity';
import {
  ConfirmSignUpCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { seedOrders } from '../../../platform/seed';
import { testUsers } from '../../../platform/test-users';
import { startOfflinePlatform, type OfflinePlatform } from '../../support/offline-platform';
import type { AwsCredentials } from '../../support/signed-fetch';

/**
 * The original README's walkthrough against `npm start`, with the AWS SDK v3:
 * find the pools, read the secret, sign in, get credentials from the identity
 * pool, then call every endpoint as each kind of caller.
 */
let platform: OfflinePlatform;
let as: Record<'guest' | 'customer' | 'shop1Owner' | 'shop2Owner' | 'admin', AwsCredentials>;

beforeAll(async () => {
  platform = await startOfflinePlatform();
  as = {
    guest: await platform.credentials({ guest: true }),
    customer: await platform.credentials({ email: testUsers.registeredCustomer1.email }),
    shop1Owner: await platform.credentials({ email: testUsers.shop1Owner.email }),
    shop2Owner: await platform.credentials({ email: testUsers.shop2Owner.email }),
    admin: await platform.credentials({ email: testUsers.admin.email }),
  };
});

afterAll(async () => {
  await platform.close();
});

const orderBody = (shopId: string, productId: string) =>
  JSON.stringify({ shopId, phoneNumber: '+41790000010', name: 'Walk-in', items: [{ productId, quantity: 1 }] });

describe('the original walkthrough with the AWS SDK v3', () => {
  it('finds the user pool, its client and the identity pool by listing them', async () => {
    const pools = await platform.clients.idp.send(new ListUserPoolsCommand({ MaxResults: 60 }));
    expect(pools.UserPools?.map((pool) => pool.Id)).toEqual([platform.runtime.outputs.userPoolId]);
    const clients = await platform.clients.idp.send(
      new ListUserPoolClientsCommand({ UserPoolId: platform.runtime.outputs.userPoolId }),
    );
    expect(clients.UserPoolClients?.map((client) => client.ClientId)).toEqual([platform.runtime.outputs.userPoolClientId]);
    const identityPools = await platform.clients.identity.send(new ListIdentityPoolsCommand({ MaxResults: 60 }));
    expect(identityPools.IdentityPools?.map((pool) => pool.IdentityPoolId)).toEqual([platform.runtime.outputs.identityPoolId]);
  });

  it('hands out temporary credentials that expire in an hour', async () => {
    expect(as.customer.accessKeyId).toMatch(/^ASIA[A-Z0-9]{16}$/);
    expect(as.customer.sessionToken).toBeTruthy();
  });
});

describe('every caller reaches exactly what the access model grants', () => {
  const get = (who: AwsCredentials, path: string) => platform.call(who, { path });
  const post = (who: AwsCredentials, path: string, body?: string) => platform.call(who, { method: 'POST', path, body });

  it.each(['guest', 'customer', 'shop1Owner', 'shop2Owner'] as const)(
    '%s lists products and places an order with the shop token, then reads it back',
    async (who) => {
      const token = await platform.shopToken('0001');
      const products = await get(as[who], `/prod/products?shopId=0001&shopToken=${token}`);
      expect(products.status).toBe(200);
      expect((products.body as { productsList: unknown[] }).productsList).toHaveLength(2);
      const placed = await post(as[who], `/prod/order?shopToken=${token}`, orderBody('0001', '0011'));
      expect(placed.status).toBe(201);
      const { orderId } = placed.body as { orderId: string };
      const read = await get(as[who], `/prod/order/${orderId}`);
      expect([read.status, (read.body as { orderId: string }).orderId]).toEqual([200, orderId]);
      const mine = await get(as[who], '/prod/orders');
      expect((mine.body as { orders: Array<{ orderId: string }> }).orders.map((order) => order.orderId)).toContain(orderId);
    },
  );

  it('lets the registered customer see the seed orders of their history', async () => {
    const mine = await get(as.customer, '/prod/orders');
    const ids = (mine.body as { orders: Array<{ orderId: string }> }).orders.map((order) => order.orderId);
    expect(ids).toEqual(expect.arrayContaining(seedOrders.map((order) => order.orderId)));
  });

  it("keeps a guest and another customer away from the customer's order", async () => {
    const [seedOrder] = seedOrders;
    expect((await get(as.customer, `/prod/order/${seedOrder.orderId}`)).status).toBe(200);
    for (const who of [as.guest, as.shop2Owner] as const) {
      const answer = await get(who, `/prod/order/${seedOrder.orderId}`);
      expect([answer.status, answer.body]).toEqual([404, { message: expect.any(String) }]);
    }
    // The owner of the order's shop may read it.
    expect((await get(as.shop1Owner, `/prod/order/${seedOrder.orderId}`)).status).toBe(200);
  });

  const shopRoutes = (shopId: string) => [
    ['GET', `/prod/shop/${shopId}`],
    ['GET', `/prod/shop/${shopId}/orders`],
    ['GET', `/prod/shop/${shopId}/sales`],
    ['POST', `/prod/shop/${shopId}/token`],
  ];

  it.each([
    ['shop1Owner', '0001'],
    ['shop2Owner', '0002'],
  ] as const)('lets %s use every route of shop %s', async (who, shopId) => {
    for (const [method, path] of shopRoutes(shopId)) {
      const answer = await platform.call(as[who], { method, path });
      expect({ method, path, status: answer.status }).toEqual({ method, path, status: 200 });
    }
  });

  it.each([
    ['shop1Owner', '0002'],
    ['shop2Owner', '0001'],
    ['guest', '0001'],
    ['customer', '0001'],
    ['admin', '0001'],
  ] as const)('denies %s every route of shop %s at IAM, before any Lambda runs', async (who, shopId) => {
    for (const [method, path] of shopRoutes(shopId)) {
      const answer = await platform.call(as[who], { method, path });
      expect({ method, path, status: answer.status }).toEqual({ method, path, status: 403 });
      expect((answer.body as { Message: string }).Message).toMatch(
        new RegExp(`is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:eu-central-1:000000000000:${platform.runtime.outputs.apiId}/prod/${method}${path.slice('/prod'.length)}$`),
      );
    }
  });

  it('gives only the admin the platform statistics', async () => {
    const stats = await get(as.admin, '/prod/service-stats');
    expect(stats.status).toBe(200);
    expect(stats.body).toMatchObject({ totalNumberOfShops: 2 });
    for (const who of ['guest', 'customer', 'shop1Owner', 'shop2Owner'] as const) {
      expect((await get(as[who], '/prod/service-stats')).status).toBe(403);
    }
  });

  it('keeps the admin off the customer operations', async () => {
    const token = await platform.shopToken('0001');
    expect((await get(as.admin, `/prod/products?shopId=0001&shopToken=${token}`)).status).toBe(403);
    expect((await post(as.admin, `/prod/order?shopToken=${token}`, orderBody('0001', '0011'))).status).toBe(403);
    expect((await get(as.admin, '/prod/orders')).status).toBe(403);
  });

  it('gives a user who signed up themselves customer rights only', async () => {
    const { outputs } = platform.runtime;
    const email = 'walk.in@example.com';
    const userPassword = 'Walk1nCustomer';
    await expect(
      platform.clients.idp.send(
        new SignUpCommand({
          ClientId: outputs.userPoolClientId,
          Username: email,
          Password: userPassword,
          UserAttributes: [
            { Name: 'email', Value: email },
            { Name: 'custom:role', Value: 'admin' },
            { Name: 'custom:shopId', Value: '0001' },
          ],
        }),
      ),
    ).rejects.toMatchObject({ name: 'NotAuthorizedException', message: 'A client attempted to write unauthorized attribute' });

    await platform.clients.idp.send(
      new SignUpCommand({
        ClientId: outputs.userPoolClientId,
        Username: email,
        Password: userPassword,
        UserAttributes: [{ Name: 'email', Value: email }],
      }),
    );
    const code = platform.messages
      .map((line) => new RegExp(`Confirmation code for ${email}: (\\d{6})`).exec(line)?.[1])
      .find(Boolean);
    await platform.clients.idp.send(new ConfirmSignUpCommand({ ClientId: outputs.userPoolClientId, Username: email, ConfirmationCode: code }));
    const walkIn = await platform.credentials({ email, password: userPassword });

    const token = await platform.shopToken('0001');
    expect((await get(walkIn, `/prod/products?shopId=0001&shopToken=${token}`)).status).toBe(200);
    for (const [method, path] of [...shopRoutes('0001'), ['GET', '/prod/service-stats']]) {
      expect({ path, status: (await platform.call(walkIn, { method, path })).status }).toEqual({ path, status: 403 });
    }
  });

  it('answers unsigned calls as API Gateway does', async () => {
    const response = await fetch(`${platform.endpoint}/prod/orders`);
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ message: 'Missing Authentication Token' });
  });

  it('passes the caller to the Lambda the way API Gateway fills requestContext.identity', async () => {
    // The handlers derive customer keys from the identity: a guest's orders carry `v#<identity uuid>`.
    const token = await platform.shopToken('0002');
    const guest = await platform.credentials({ guest: true });
    const placed = await post(guest, `/prod/order?shopToken=${token}`, orderBody('0002', '0021'));
    const order = await get(guest, `/prod/order/${(placed.body as { orderId: string }).orderId}`);
    expect((order.body as { customerId: string }).customerId).toBe(`v#${guest.identityId.split(':')[1]}`);
  });
});
