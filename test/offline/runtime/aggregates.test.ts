import { DynamoDBClient, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { writeOutputsFile } from '../../../offline/outputs';
import { testUsers } from '../../../platform/test-users';
import { scriptRun } from '../../support/npm-run';
import { rootCredentials, startOfflinePlatform, type OfflinePlatform } from '../../support/offline-platform';
import { signRequest, type AwsCredentials } from '../../support/signed-fetch';

/**
 * The aggregates on the Terraform-configured platform: orders placed through
 * the API in parallel, by guests and registered customers, with retries,
 * replays and refusals, always equal a recount of the orders in the table.
 */
let platform: OfflinePlatform;
let documents: DynamoDBDocumentClient;
let lambda: LambdaClient;
let dataDirectory: string;
const shopIds = ['0001', '0002'];
const products: Record<string, string[]> = { '0001': ['0011', '0012'], '0002': ['0021', '0022'] };
const tokens: Record<string, string> = {};

beforeAll(async () => {
  platform = await startOfflinePlatform(); // on a data directory of its own, where npm run aggregates finds outputs.json
  dataDirectory = platform.runtime.outputs.dataDirectory;
  writeOutputsFile(dataDirectory, platform.runtime.outputs);
  const config = { endpoint: platform.endpoint, region: platform.settings.region, credentials: rootCredentials };
  documents = DynamoDBDocumentClient.from(new DynamoDBClient(config));
  lambda = new LambdaClient(config);
  for (const shopId of shopIds) tokens[shopId] = await platform.shopToken(shopId);
}, 120_000);

afterAll(async () => {
  documents?.destroy();
  lambda?.destroy();
  await platform?.close();
});

const tableName = () => platform.runtime.outputs.tableName;
const reconcileFunction = () => String(platform.runtime.outputs.stackOutputs.api.reconcile_aggregates_function);

/** What the orders in the table say, counted here, independently of the platform's code. */
async function recount() {
  const items: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await documents.send(new ScanCommand({ TableName: tableName(), ConsistentRead: true, ExclusiveStartKey }));
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  const orders = items.filter((item) => item.entityType === 'order');
  const sales = (shopId: string) => {
    const mine = orders.filter((order) => order.shopId === shopId);
    return { shopId, orderCount: mine.length, totalAmount: mine.reduce((sum, order) => sum + Number(order.amount), 0) };
  };
  const shops = items.filter((item) => item.entityType === 'shop').length;
  const customers = new Set(orders.map((order) => order.customerId)).size;
  return {
    orders: orders.length,
    sales,
    stats: {
      totalNumberOfShops: shops,
      averageNumberOfOrdersPerShop: shops === 0 ? 0 : orders.length / shops,
      totalNumberOfCustomers: customers,
      averageNumberOfOrdersPerCustomer: customers === 0 ? 0 : orders.length / customers,
    },
  };
}

/** What the API answers: each owner's sales and the admin's statistics. */
async function answers() {
  const owners = { '0001': testUsers.shop1Owner.email, '0002': testUsers.shop2Owner.email };
  const sales: Record<string, unknown> = {};
  for (const shopId of shopIds) {
    const owner = await platform.credentials({ email: owners[shopId as keyof typeof owners] });
    sales[shopId] = (await platform.call(owner, { path: `/prod/shop/${shopId}/sales` })).body;
  }
  const admin = await platform.credentials({ email: testUsers.admin.email });
  return { sales, stats: (await platform.call(admin, { path: '/prod/service-stats' })).body };
}

async function expectAggregatesEqualRecount() {
  const counted = await recount();
  const answered = await answers();
  expect(answered.stats).toEqual(counted.stats);
  for (const shopId of shopIds) expect(answered.sales[shopId]).toEqual(counted.sales(shopId));
  const verify = await invoke({ mode: 'verify' });
  expect(verify.payload).toMatchObject({ consistent: true, differences: [], missingCustomerMarkers: 0 });
  return counted;
}

async function invoke(event: unknown, credentials?: AwsCredentials) {
  const client = credentials
    ? new LambdaClient({ endpoint: platform.endpoint, region: platform.settings.region, credentials })
    : lambda;
  const answer = await client.send(new InvokeCommand({ FunctionName: reconcileFunction(), Payload: Buffer.from(JSON.stringify(event)) }));
  if (credentials) client.destroy();
  return { functionError: answer.FunctionError, payload: JSON.parse(Buffer.from(answer.Payload ?? []).toString('utf8')) as Record<string, unknown> };
}

const orderBody = (shopId: string, index: number) =>
  JSON.stringify({
    shopId,
    phoneNumber: '+41790000011',
    name: `Parallel ${index}`,
    items: [{ productId: products[shopId][index % 2], quantity: (index % 5) + 1 }],
  });

const placeOrder = (who: AwsCredentials, shopId: string, index: number, headers: Record<string, string> = {}) =>
  platform.call(who, { method: 'POST', path: `/prod/order?shopToken=${tokens[shopId]}`, body: orderBody(shopId, index), headers });

describe('aggregates on the offline platform', () => {
  it('match the seed right after the first start (the reconcile invocation ran at apply)', async () => {
    const counted = await expectAggregatesEqualRecount();
    expect(counted.orders).toBe(2);
  });

  it('equal a recount after 200 parallel orders across both shops by guests and registered customers', async () => {
    const registered = [
      await platform.credentials({ email: testUsers.registeredCustomer1.email }),
      ...(await Promise.all(
        ['aggregates-a@example.com', 'aggregates-b@example.com'].map(async (email) => {
          const created = await platform.createUser(email, { 'custom:role': 'customer' });
          return platform.credentials(created);
        }),
      )),
    ];
    const guests = await Promise.all(Array.from({ length: 12 }, () => platform.credentials({ guest: true })));
    const callers = [...registered, ...guests];
    const before = await recount();
    const placed = await Promise.all(
      Array.from({ length: 200 }, (_, index) => placeOrder(callers[index % callers.length], shopIds[index % 2], index)),
    );
    expect(placed.filter((answer) => answer.status !== 201).map((answer) => [answer.status, answer.body])).toEqual([]);
    const after = await expectAggregatesEqualRecount();
    expect(after.orders).toBe(before.orders + 200);
  }, 180_000);

  it('never count an idempotent retry, a duplicate key, a replayed request or a refused order', async () => {
    const guest = await platform.credentials({ guest: true });
    const before = await recount();

    // The same key sent five times at once, then twice more: one order.
    const key = { 'Idempotency-Key': 'aggregates-retry-0001' };
    const burst = await Promise.all(Array.from({ length: 5 }, () => placeOrder(guest, '0001', 1, key)));
    const later = [await placeOrder(guest, '0001', 1, key), await placeOrder(guest, '0001', 1, key)];
    const orderIds = new Set([...burst, ...later].map((answer) => (answer.body as { orderId: string }).orderId));
    expect([...burst, ...later].map((answer) => answer.status)).toEqual(Array(7).fill(201));
    expect(orderIds.size).toBe(1);

    // The same key with another body: refused, not counted.
    const reused = await platform.call(guest, {
      method: 'POST',
      path: `/prod/order?shopToken=${tokens['0001']}`,
      body: orderBody('0001', 2),
      headers: key,
    });
    expect(reused.status).toBe(409);

    // A captured signed request sent again, byte for byte.
    const signed = await signRequest(platform.endpoint, guest, {
      method: 'POST',
      path: `/prod/order?shopToken=${tokens['0002']}`,
      body: orderBody('0002', 3),
      headers: { 'Idempotency-Key': 'aggregates-replay-0001', 'content-type': 'application/json' },
      region: platform.settings.region,
    });
    const send = () => fetch(new URL(signed.path, platform.endpoint), { method: signed.method, headers: signed.headers, body: signed.body });
    const [first, replayed] = [await send(), await send()];
    expect([first.status, replayed.status]).toEqual([201, 201]);
    expect(await replayed.json()).toEqual(await first.json());

    // Refused: a wrong token, a bad body, an unknown product, and a right token once the guesses are spent.
    const guesser = await platform.credentials({ guest: true });
    const wrongToken = { method: 'POST', path: '/prod/order?shopToken=ZZZZZZZZZZ', body: orderBody('0001', 4) };
    expect((await platform.call(guest, wrongToken)).status).toBe(401);
    expect((await platform.call(guest, { method: 'POST', path: `/prod/order?shopToken=${tokens['0001']}`, body: '{"shopId":"0001"}' })).status).toBe(400);
    const unknownProduct = JSON.stringify({ shopId: '0001', phoneNumber: '+41790000011', name: 'X', items: [{ productId: '9999', quantity: 1 }] });
    expect((await platform.call(guest, { method: 'POST', path: `/prod/order?shopToken=${tokens['0001']}`, body: unknownProduct })).status).toBe(400);
    for (let attempt = 0; attempt < 10; attempt++) expect((await platform.call(guesser, wrongToken)).status).toBe(401);
    expect((await placeOrder(guesser, '0001', 5)).status).toBe(429);

    const after = await expectAggregatesEqualRecount();
    expect(after.orders).toBe(before.orders + 2);
  }, 120_000);
});

describe("Lambda's Invoke API", () => {
  it('runs verify and reconcile for the administrator, and reconcile corrects an introduced difference', async () => {
    await documents.send(
      new UpdateItemCommand({
        TableName: tableName(),
        Key: { PK: { S: 'SALES#0002' }, SK: { S: 'SALES' } },
        UpdateExpression: 'ADD orderCount :one',
        ExpressionAttributeValues: { ':one': { N: '1' } },
      }),
    );
    const verify = await invoke({ mode: 'verify' });
    expect(verify.payload).toMatchObject({ consistent: false, differenceCount: 1, differences: [expect.objectContaining({ aggregate: 'shop 0002', field: 'orderCount' })] });
    const reconcile = await invoke({ mode: 'reconcile' });
    expect(reconcile.payload).toMatchObject({ consistent: false, corrected: 1 });
    await expectAggregatesEqualRecount();
  });

  it("answers a function's error as Lambda does, and refuses what Lambda refuses", async () => {
    const failed = await invoke({ mode: 'repair' });
    expect(failed.functionError).toBe('Unhandled');
    expect(failed.payload).toMatchObject({ errorType: 'Error', errorMessage: expect.stringContaining('The event must be {"mode":"reconcile"}') });

    const missing = await lambda.send(new InvokeCommand({ FunctionName: 'no-such-function' })).catch((error: Error) => error);
    expect(missing).toMatchObject({ name: 'ResourceNotFoundException', message: expect.stringContaining('Function not found: arn:aws:lambda:') });
    const notJson = await lambda.send(new InvokeCommand({ FunctionName: reconcileFunction(), Payload: Buffer.from('{not json') })).catch((error: Error) => error);
    expect(notJson).toMatchObject({ name: 'InvalidRequestContentException' });

    const guest = await platform.credentials({ guest: true });
    const denied = await invoke({ mode: 'verify' }, guest).catch((error: Error) => error);
    expect(denied).toMatchObject({ name: 'AccessDeniedException', message: expect.stringContaining('lambda:InvokeFunction') });
  });
});

describe('npm run aggregates', () => {
  // What it printed: stdout, and stderr too when it failed.
  const run = async (mode: string) => {
    const { code, stdout, stderr } = await scriptRun('aggregates', [mode], { SHOP_DATA_DIR: dataDirectory });
    return { code, output: code === 0 ? stdout : stdout + stderr };
  };

  it('verifies, reports a difference with exit 1, reconciles it, and refuses an unknown mode', async () => {
    expect(await run('verify')).toEqual({ code: 0, output: expect.stringContaining('The aggregates match the orders.') });
    await documents.send(
      new UpdateItemCommand({
        TableName: tableName(),
        Key: { PK: { S: 'PLATFORM#STATS#3' }, SK: { S: 'STATS' } },
        UpdateExpression: 'ADD orders :two',
        ExpressionAttributeValues: { ':two': { N: '2' } },
      }),
    );
    const found = await run('verify');
    expect(found.code).toBe(1);
    expect(found.output).toMatch(/platform orders: the orders say (\d+), the aggregate held (\d+)/);
    const [, expected, held] = /platform orders: the orders say (\d+), the aggregate held (\d+)/.exec(found.output) ?? [];
    expect(Number(held) - Number(expected)).toBe(2);
    expect(await run('reconcile')).toEqual({ code: 0, output: expect.stringContaining('Corrected 1 aggregate item(s)') });
    expect((await run('verify')).code).toBe(0);
    expect(await run('repair')).toEqual({ code: 2, output: expect.stringContaining('Usage: npm run aggregates -- verify | reconcile') });
  }, 60_000);
});
