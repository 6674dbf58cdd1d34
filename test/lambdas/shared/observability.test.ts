import { guest, jsonPost, apiGatewayEvent, user } from '../../support/api-gateway-event';
import { call, giveShopToken, startPlatform, testSubs, type HandlerFactory, type TestPlatform } from '../harness';

/**
 * What the handlers write to stdout: structured JSON log lines and metrics,
 * never a customer's name or phone number, and no internals in a 500.
 */
let platform: TestPlatform;
let placeOrder: HandlerFactory;
let getOrder: HandlerFactory;
const output: string[] = [];

const customerName = 'Zelda Unmistakable';
const customerPhone = '+41799876543';

beforeAll(async () => {
  platform = await startPlatform({ env: { POWERTOOLS_LOG_LEVEL: 'DEBUG', POWERTOOLS_METRICS_DISABLED: 'false' } });
  ({ placeOrder } = await import('../../../lambdas/handlers/place-order'));
  ({ getOrder } = await import('../../../lambdas/handlers/get-order'));
  await giveShopToken(platform, '0001', 'K7QX4M2PZ9');
});
afterAll(() => platform.stop());

function captureOutput(): () => void {
  const spies = [process.stdout, process.stderr].map((stream) =>
    jest.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
      output.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return true;
    }),
  );
  return () => spies.forEach((spy) => spy.mockRestore());
}

const logLines = () =>
  output
    .join('')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('logs and metrics', () => {
  let orderId: string;

  beforeAll(async () => {
    const restore = captureOutput();
    try {
      const order = { shopId: '0001', phoneNumber: customerPhone, name: customerName, items: [{ productId: '0011', quantity: 1 }] };
      const owner = user(testSubs.shop1Owner, 'ShopOwnerRole');
      const placed = await call(platform, placeOrder, jsonPost('/order', order, guest(), { query: { shopToken: 'K7QX4M2PZ9' }, headers: { 'Idempotency-Key': 'log-test-key-1' } }));
      orderId = placed.json.orderId as string;
      await call(platform, placeOrder, jsonPost('/order', { ...order, amount: 1 }, guest(), { query: { shopToken: 'K7QX4M2PZ9' } }));
      await call(platform, placeOrder, jsonPost('/order', order, guest(), { query: { shopToken: 'ZZZZZZZZZZ' } }));
      const read = await call(platform, getOrder, apiGatewayEvent({ method: 'GET', resource: '/order/{id}', pathParameters: { id: orderId }, identity: owner }));
      expect(read.json.name).toBe(customerName);
    } finally {
      restore();
    }
  });

  it('captured the requests (the test would prove nothing otherwise)', () => {
    expect(orderId).toEqual(expect.any(String));
    expect(logLines().length).toBeGreaterThanOrEqual(5);
  });

  it("never writes a customer's name or phone number, though the handlers log the order request", () => {
    const text = output.join('');
    expect(text).not.toContain(customerName);
    expect(text).not.toContain('Zelda');
    expect(text).not.toContain(customerPhone);
    expect(text).not.toContain('799876543');
    const placing = logLines().find((line) => line.message === 'Placing order');
    expect(placing).toMatchObject({ level: 'DEBUG', request: { name: '***', phoneNumber: '***', shopId: '0001' } });
  });

  it('writes structured lines with the caller kind and request ids appended', () => {
    const handled = logLines().filter((line) => line.message === 'Request handled');
    expect(handled.map((line) => line.statusCode)).toEqual([201, 400, 401, 200]);
    for (const line of handled) {
      expect(line).toMatchObject({
        level: 'INFO',
        service: 'shop-platform-test',
        callerKind: expect.stringMatching(/^(guest|registered)$/),
        apiRequestId: expect.any(String),
        function_request_id: expect.any(String),
      });
    }
    expect(logLines().find((line) => line.message === 'Order placed')).toMatchObject({ orderId, shopId: '0001', amount: 110 });
  });

  it('publishes OrdersPlaced and ShopTokenRejected metrics in the configured namespace', () => {
    const metrics = logLines().filter((line) => '_aws' in line);
    const names = metrics.flatMap((line) => {
      const aws = line._aws as { CloudWatchMetrics: { Namespace: string; Metrics: { Name: string }[] }[] };
      return aws.CloudWatchMetrics.flatMap((entry) => entry.Metrics.map((metric) => `${entry.Namespace}/${metric.Name}`));
    });
    expect(names).toEqual(expect.arrayContaining(['ShopPlatformTest/OrdersPlaced', 'ShopPlatformTest/ShopTokenRejected']));
  });
});

describe('unexpected failures', () => {
  it('answer a bare 500 without internals and log the error', async () => {
    const { buildUserPoolDependencies } = await import('../../../lambdas/shared/user-pool-dependencies');
    const { openTable } = await import('../../../lambdas/shared/table');
    const broken = buildUserPoolDependencies({ table: openTable('no-such-table'), users: platform.deps.users, clock: () => platform.clock.now });
    const event = apiGatewayEvent({ method: 'GET', resource: '/order/{id}', pathParameters: { id: '0f8e7d6c-5b4a-4392-8817-263544536271' }, identity: guest() });
    output.length = 0;
    const restore = captureOutput();
    let result;
    try {
      result = await getOrder(() => broken)(event);
    } finally {
      restore();
      broken.table.client.destroy();
    }
    expect(result.statusCode).toBe(500);
    expect(JSON.parse(result.body)).toEqual({ message: 'Internal server error' });
    expect(result.headers).toMatchObject({ 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
    const error = logLines().find((line) => line.level === 'ERROR');
    expect(error).toMatchObject({ message: 'Unhandled error', error: { name: 'ResourceNotFoundException' } });
  });
});
