import type { APIGatewayProxyEvent } from 'aws-lambda';
import { functions, type FunctionDefinition } from '../../../platform/functions';
import { seedOrders } from '../../../platform/seed';
import { apiGatewayEvent, guest, jsonPost, user } from '../../support/api-gateway-event';
import { giveShopToken, lambdaContext, startPlatform, testSubs, type HandlerFactory, type TestPlatform } from '../harness';

/**
 * Each function's IAM permissions in platform/functions.ts must be exactly what
 * its handler uses: every DynamoDB call and user lookup the handlers make, over
 * their success and failure paths, is recorded and compared with the list.
 */
let platform: TestPlatform;
const calls: { action: string; index?: string }[] = [];

beforeAll(async () => {
  platform = await startPlatform();
  await giveShopToken(platform, '0001', 'K7QX4M2PZ9');
  platform.deps.table.client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as { IndexName?: string; TransactItems?: Record<string, unknown>[] };
      const operation = String(context.commandName).replace(/Command$/, '');
      if (operation === 'TransactWriteItems' || operation === 'TransactGetItems') {
        // IAM authorizes a transaction item by item, by each item's own action.
        const itemActions = { Put: 'PutItem', Update: 'UpdateItem', Delete: 'DeleteItem', ConditionCheck: 'ConditionCheckItem', Get: 'GetItem' };
        for (const item of input.TransactItems ?? []) {
          for (const [kind, action] of Object.entries(itemActions)) if (item[kind] !== undefined) calls.push({ action: `dynamodb:${action}` });
        }
      } else {
        calls.push({ action: `dynamodb:${operation}`, index: input.IndexName });
      }
      return next(args);
    },
    { step: 'initialize', name: 'recordDynamoDbCalls' },
  );
});
afterAll(() => platform.stop());

const owner1 = user(testSubs.shop1Owner, 'ShopOwnerRole');
const order = { shopId: '0001', phoneNumber: '+41791234567', name: 'Ada', items: [{ productId: '0011', quantity: 1 }] };
const shopEvent = (resource: string, method: 'GET' | 'POST' = 'GET') =>
  apiGatewayEvent({ method, resource, pathParameters: { id: '0001' }, identity: owner1 });

type Scenario = () => Promise<unknown>;

async function scenariosFor(name: string): Promise<Scenario[]> {
  const api = (module: Promise<Record<string, unknown>>, exportName: string) => async (event: APIGatewayProxyEvent) =>
    ((await module)[exportName] as HandlerFactory)(platform.source)(event, lambdaContext(name));
  switch (name) {
    case 'list-products': {
      const run = api(import('../../../lambdas/handlers/list-products'), 'listProducts');
      return [
        () => run(apiGatewayEvent({ method: 'GET', resource: '/products', query: { shopId: '0001', shopToken: 'K7QX4M2PZ9' }, identity: guest() })),
        () => run(apiGatewayEvent({ method: 'GET', resource: '/products', query: { shopId: '0001', shopToken: 'ZZZZZZZZZZ' }, identity: guest() })),
      ];
    }
    case 'place-order': {
      const run = api(import('../../../lambdas/handlers/place-order'), 'placeOrder');
      const customer = guest();
      const post = (shopToken: string, key: string) =>
        jsonPost('/order', order, customer, { query: { shopToken }, headers: { 'Idempotency-Key': key } });
      return [
        // A first order (the customer's marker is put), a replay, a refused token, a returning customer (marker checked).
        () => run(post('K7QX4M2PZ9', 'least-privilege-1')),
        () => run(post('K7QX4M2PZ9', 'least-privilege-1')),
        () => run(post('ZZZZZZZZZZ', 'least-privilege-2')),
        () => run(post('K7QX4M2PZ9', 'least-privilege-3')),
      ];
    }
    case 'get-order': {
      const run = api(import('../../../lambdas/handlers/get-order'), 'getOrder');
      const event = (identity: ReturnType<typeof guest>) =>
        apiGatewayEvent({ method: 'GET', resource: '/order/{id}', pathParameters: { id: seedOrders[0].orderId }, identity });
      return [() => run(event(user(testSubs.registeredCustomer1))), () => run(event(owner1))];
    }
    case 'list-my-orders': {
      const run = api(import('../../../lambdas/handlers/list-my-orders'), 'listMyOrders');
      return [() => run(apiGatewayEvent({ method: 'GET', resource: '/orders', identity: user(testSubs.registeredCustomer1) }))];
    }
    case 'get-shop': {
      const run = api(import('../../../lambdas/handlers/get-shop'), 'getShop');
      return [() => run(shopEvent('/shop/{id}'))];
    }
    case 'rotate-shop-token': {
      const run = api(import('../../../lambdas/handlers/rotate-shop-token'), 'rotateShopToken');
      // The second, inside the first one's grace window, is refused after reading the shop.
      return [() => run(shopEvent('/shop/{id}/token', 'POST')), () => run(shopEvent('/shop/{id}/token', 'POST'))];
    }
    case 'list-shop-orders': {
      const run = api(import('../../../lambdas/handlers/list-shop-orders'), 'listShopOrders');
      return [() => run(shopEvent('/shop/{id}/orders'))];
    }
    case 'get-shop-sales': {
      const run = api(import('../../../lambdas/handlers/get-shop-sales'), 'getShopSales');
      return [() => run(shopEvent('/shop/{id}/sales'))];
    }
    case 'get-service-stats': {
      const run = api(import('../../../lambdas/handlers/get-service-stats'), 'getServiceStats');
      return [() => run(apiGatewayEvent({ method: 'GET', resource: '/service-stats', identity: user(testSubs.admin, 'AdminRole') }))];
    }
    case 'rotate-all-shop-tokens': {
      const { rotateAllShopTokens } = await import('../../../lambdas/handlers/rotate-all-shop-tokens');
      return [() => rotateAllShopTokens(platform.source)({})];
    }
    case 'reconcile-aggregates': {
      const { reconcileAggregatesHandler } = await import('../../../lambdas/handlers/reconcile-aggregates');
      const run = (mode: string) => reconcileAggregatesHandler(platform.source)({ mode });
      // An order written without its aggregates, by a customer without a marker: reconcile corrects both.
      const { orderItem } = await import('../../../platform/table');
      const stray = { ...order, orderId: '5e0c2a8e-4a3f-4f7e-9d5b-1c2b3a4d5e6f', customerId: 'v#least-privilege', date: '2026-03-02T09:00:00.000Z', items: [], amount: 110, status: 'PLACED' as const };
      const writeStray = async () => {
        await platform.putItems([orderItem(stray)]);
        return {};
      };
      return [() => run('verify'), writeStray, () => run('reconcile')];
    }
    default:
      throw new Error(`No scenario for ${name}`);
  }
}

const apiFunctions: FunctionDefinition[] = Object.values(functions).filter((fn) => fn.stack === 'api');

describe('least privilege', () => {
  it.each(apiFunctions.map((fn) => [fn.name, fn] as const))('%s uses exactly the permissions platform/functions.ts grants it', async (name, fn) => {
    calls.length = 0;
    const lookupsBefore = platform.lookups.length;
    for (const scenario of await scenariosFor(name)) {
      const result = (await scenario()) as { statusCode?: number };
      expect(result.statusCode ?? 200).toBeLessThan(500);
    }
    const tableActions = [...new Set(calls.filter((c) => c.index === undefined).map((c) => c.action))].sort();
    const indexes = [...new Set(calls.filter((c) => c.index !== undefined).map((c) => c.index))].sort();
    expect(calls.filter((c) => c.index !== undefined).every((c) => c.action === 'dynamodb:Query')).toBe(true);
    expect({ tableActions, indexes }).toEqual({
      tableActions: [...(fn.permissions.table ?? [])].sort(),
      indexes: [...(fn.permissions.queryIndexes ?? [])].sort(),
    });
    expect(platform.lookups.length > lookupsBefore).toBe(fn.permissions.userPool !== undefined);
  });
});
