import type { Context } from 'aws-lambda';
import { itemKeys, ordersTable } from '../../../platform/table';
import { guest, jsonPost, user, type TestIdentity } from '../../support/api-gateway-event';
import { call, giveShopToken, startPlatform, testSubs, writtenBetween, type HandlerFactory, type TestPlatform } from '../harness';

let platform: TestPlatform;
let placeOrder: HandlerFactory;

const shop1Token = 'K7QX4M2PZ9';
const shop2Token = 'B3CD4EF5GH';
const uuidV4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

beforeAll(async () => {
  platform = await startPlatform();
  ({ placeOrder } = await import('../../../lambdas/handlers/place-order'));
  await giveShopToken(platform, '0001', shop1Token);
  await giveShopToken(platform, '0002', shop2Token);
});
afterAll(() => platform.stop());
beforeEach(() => platform.clock.advance(1000));

const validOrder = {
  shopId: '0001',
  phoneNumber: '+41791234567',
  name: 'Ada Lovelace',
  items: [
    { productId: '0011', quantity: 2 },
    { productId: '0012', quantity: 3 },
  ],
};

function orderRequest(
  body: unknown,
  identity: TestIdentity = guest(),
  options: { shopToken?: string | null; headers?: Record<string, string | string[]>; contentType?: string } = {},
) {
  const shopToken = options.shopToken === undefined ? shop1Token : options.shopToken;
  return jsonPost('/order', body, identity, {
    query: shopToken === null ? {} : { shopToken },
    headers: { 'Content-Type': options.contentType ?? 'application/json', ...options.headers },
  });
}

const storedOrders = async () => (await platform.scanAll()).filter((item) => item.entityType === 'order');

describe('POST /order', () => {
  it('places an order priced from the stored catalogue, in one item holding its lines', async () => {
    const identityUuid = '3f1e2d4c-5b6a-4798-8a7b-6c5d4e3f2a1b';
    const before = await platform.scanAll();
    const answer = await call(platform, placeOrder, orderRequest(validOrder, guest(identityUuid)));
    expect(answer.statusCode).toBe(201);
    expect(Object.keys(answer.json)).toEqual(['orderId']);
    const orderId = answer.json.orderId as string;
    expect(orderId).toMatch(uuidV4);

    const written = writtenBetween(before, await platform.scanAll()).filter((item) => item.entityType === 'order');
    const date = new Date(platform.clock.now).toISOString();
    expect(written).toEqual([
      {
        ...itemKeys.order(orderId),
        'GSI1-PK': 'SHOP#0001',
        'GSI1-SK': `${date}#${orderId}`,
        'GSI2-PK': `CUSTOMER#v#${identityUuid}`,
        'GSI2-SK': `${date}#${orderId}`,
        entityType: 'order',
        orderId,
        shopId: '0001',
        customerId: `v#${identityUuid}`,
        date,
        name: 'Ada Lovelace',
        phoneNumber: '+41791234567',
        items: [
          { productId: '0011', name: 'Sourdough loaf', quantity: 2, price: 110 },
          { productId: '0012', name: 'Butter croissant', quantity: 3, price: 120 },
        ],
        amount: 2 * 110 + 3 * 120,
        status: 'PLACED',
      },
    ]);
  });

  it('keys a registered customer\'s order to c#<sub>', async () => {
    const answer = await call(platform, placeOrder, orderRequest(validOrder, user(testSubs.registeredCustomer1)));
    expect(answer.statusCode).toBe(201);
    const order = (await storedOrders()).find((item) => item.orderId === answer.json.orderId)!;
    expect(order.customerId).toBe(`c#${testSubs.registeredCustomer1}`);
    expect(order[ordersTable.indexes.customerOrders.partitionKey]).toBe(`CUSTOMER#c#${testSubs.registeredCustomer1}`);
  });

  it('accepts a base64-encoded body and a charset parameter', async () => {
    const body = Buffer.from(JSON.stringify(validOrder)).toString('base64');
    const event = orderRequest(body, guest(), { contentType: 'application/json; charset=UTF-8' });
    event.isBase64Encoded = true;
    expect((await call(platform, placeOrder, event)).statusCode).toBe(201);
  });

  it('gives every order a new id', async () => {
    const ids = await Promise.all(
      Array.from({ length: 5 }, async () => (await call(platform, placeOrder, orderRequest(validOrder))).json.orderId),
    );
    expect(new Set(ids).size).toBe(5);
  });

  const withItems = (items: unknown) => ({ ...validOrder, items });
  const badBodies: [string, unknown, number, string][] = [
    ['a quantity sent as a string', withItems([{ productId: '0011', quantity: '2' }]), 400, 'Invalid request body: /items/0/quantity must be integer'],
    ['a fractional quantity', withItems([{ productId: '0011', quantity: 1.5 }]), 400, 'Invalid request body: /items/0/quantity must be integer'],
    ['a negative quantity', withItems([{ productId: '0011', quantity: -1 }]), 400, 'Invalid request body: /items/0/quantity must be >= 1'],
    ['a zero quantity', withItems([{ productId: '0011', quantity: 0 }]), 400, 'Invalid request body: /items/0/quantity must be >= 1'],
    ['a quantity of 100', withItems([{ productId: '0011', quantity: 100 }]), 400, 'Invalid request body: /items/0/quantity must be <= 99'],
    ['a quantity of 1e309', '{"shopId":"0001","phoneNumber":"+41791234567","name":"Ada","items":[{"productId":"0011","quantity":1e309}]}', 400, 'Invalid request body: /items/0/quantity must be'],
    ['a client-sent line price', withItems([{ productId: '0011', quantity: 1, price: 1 }]), 400, "Invalid request body: /items/0 must NOT have additional property 'price'"],
    ['a client-sent amount', { ...validOrder, amount: 1 }, 400, "Invalid request body: must NOT have additional property 'amount'"],
    ['a client-sent status', { ...validOrder, status: 'PAID' }, 400, "Invalid request body: must NOT have additional property 'status'"],
    ['a client-sent customer id', { ...validOrder, customerId: 'c#someone-else' }, 400, "Invalid request body: must NOT have additional property 'customerId'"],
    ['no items', withItems([]), 400, 'Invalid request body: /items must NOT have fewer than 1 items'],
    ['51 items', withItems(Array.from({ length: 51 }, (_, index) => ({ productId: `p${index}`, quantity: 1 }))), 400, 'Invalid request body: /items must NOT have more than 50 items'],
    ['no shop id', { phoneNumber: validOrder.phoneNumber, name: validOrder.name, items: validOrder.items }, 400, "Invalid request body: must have required property 'shopId'"],
    ['a malformed phone number', { ...validOrder, phoneNumber: '0791234567' }, 400, 'Invalid request body: /phoneNumber must match pattern'],
    ['an over-long phone number', { ...validOrder, phoneNumber: '+4179123456789012' }, 400, 'Invalid request body: /phoneNumber must match pattern'],
    ['an empty name', { ...validOrder, name: '' }, 400, 'Invalid request body: /name must NOT have fewer than 1 characters'],
    ['an over-long name', { ...validOrder, name: 'x'.repeat(101) }, 400, 'Invalid request body: /name must NOT have more than 100 characters'],
    ['a name with a control character', { ...validOrder, name: 'Ada\nLovelace' }, 400, 'Invalid request body: /name must match pattern'],
    ['a body that is not an object', [validOrder], 400, 'Invalid request body: must be object'],
    ['malformed JSON', '{"shopId": "0001",', 400, 'Request body is not valid JSON'],
    ['an empty body', '', 400, 'Request body is required'],
    ['the same product twice', withItems([{ productId: '0011', quantity: 1 }, { productId: '0011', quantity: 2 }]), 400, 'product 0011 appears in more than one item'],
    ['an unknown product', withItems([{ productId: '0011', quantity: 1 }, { productId: '0999', quantity: 1 }]), 400, 'Product 0999 does not exist in shop 0001'],
    ["another shop's product", withItems([{ productId: '0021', quantity: 1 }]), 400, 'Product 0021 does not exist in shop 0001'],
  ];

  it.each(badBodies)('refuses %s with a clear 4xx and writes no order', async (_, body, status, message) => {
    const before = await platform.scanAll();
    const answer = await call(platform, placeOrder, orderRequest(body));
    expect(answer.statusCode).toBe(status);
    expect(answer.json.message).toContain(message);
    const written = writtenBetween(before, await platform.scanAll());
    // Only a throttle counter (reserved, then handed back) may change; never an order.
    expect(written.filter((item) => !String(item.PK).startsWith('THROTTLE#'))).toEqual([]);
  });

  it.each([
    ['text/plain', 415],
    ['application/x-www-form-urlencoded', 415],
    ['application/json; charset=latin1', 415],
  ])('answers a body sent as %s with %d', async (contentType, status) => {
    const answer = await call(platform, placeOrder, orderRequest(validOrder, guest(), { contentType }));
    expect(answer).toMatchObject({ statusCode: status, json: { message: 'Content-Type must be application/json' } });
  });

  it('answers a body without Content-Type with 415', async () => {
    const event = orderRequest(validOrder);
    delete event.headers['Content-Type'];
    delete event.multiValueHeaders['Content-Type'];
    expect((await call(platform, placeOrder, event)).statusCode).toBe(415);
  });

  it.each([
    ['a missing token', null, 400, "Missing required query parameter 'shopToken'"],
    ['a malformed token', 'short', 400, "Invalid query parameter 'shopToken'"],
    ['a wrong token', 'ZZZZZZZZZZ', 401, 'The shop token is wrong or has expired'],
    ["another shop's token", shop2Token, 401, 'The shop token is wrong or has expired'],
  ])('refuses %s and writes nothing but the guess counter', async (_, shopToken, status, message) => {
    const before = await platform.scanAll();
    const answer = await call(platform, placeOrder, orderRequest(validOrder, guest(), { shopToken }));
    expect(answer).toMatchObject({ statusCode: status, json: { message: expect.stringContaining(message) } });
    const written = writtenBetween(before, await platform.scanAll());
    expect(written.every((item) => String(item.PK).startsWith('THROTTLE#'))).toBe(true);
    expect(written).toHaveLength(status === 401 ? 1 : 0);
  });

  it('answers 404 for an unknown shop', async () => {
    const answer = await call(platform, placeOrder, orderRequest({ ...validOrder, shopId: '0099' }));
    expect(answer).toMatchObject({ statusCode: 404, json: { message: 'Shop 0099 not found' } });
  });

  it('answers 403 without an identity and writes nothing', async () => {
    const before = await platform.scanAll();
    const answer = await call(platform, placeOrder, orderRequest(validOrder, { kind: 'none' }));
    expect(answer.statusCode).toBe(403);
    expect(writtenBetween(before, await platform.scanAll())).toEqual([]);
  });

  it('is throttled like the product list after too many wrong tokens', async () => {
    const guesser = guest();
    for (let attempt = 0; attempt < 10; attempt++) {
      expect((await call(platform, placeOrder, orderRequest(validOrder, guesser, { shopToken: 'ZZZZZZZZZZ' }))).statusCode).toBe(401);
    }
    const before = await storedOrders();
    expect((await call(platform, placeOrder, orderRequest(validOrder, guesser))).statusCode).toBe(429);
    expect(await storedOrders()).toHaveLength(before.length);
  });
});

describe('POST /order with an Idempotency-Key', () => {
  const withKey = (key: string | string[]) => ({ headers: { 'Idempotency-Key': key } });

  it('returns the first result to a retry and places one order', async () => {
    const customer = guest();
    const before = await storedOrders();
    const first = await call(platform, placeOrder, orderRequest(validOrder, customer, withKey('retry-key-0001')));
    const retry = await call(platform, placeOrder, orderRequest(validOrder, customer, withKey('retry-key-0001')));
    expect(first.statusCode).toBe(201);
    expect(retry).toEqual(first);
    expect(await storedOrders()).toHaveLength(before.length + 1);
  });

  it('answers 409 when the key is reused with a different body', async () => {
    const customer = guest();
    const first = await call(platform, placeOrder, orderRequest(validOrder, customer, withKey('reused-key-0001')));
    expect(first.statusCode).toBe(201);
    const before = await storedOrders();
    const changed = await call(platform, placeOrder, orderRequest({ ...validOrder, items: [{ productId: '0011', quantity: 9 }] }, customer, withKey('reused-key-0001')));
    expect(changed.statusCode).toBe(409);
    expect(changed.json.message).toMatch(/Idempotency-Key was already used for a different request/);
    expect(await storedOrders()).toHaveLength(before.length);
  });

  it('keeps callers apart: the same key from two customers places two orders', async () => {
    const first = await call(platform, placeOrder, orderRequest(validOrder, guest(), withKey('shared-key-0001')));
    const second = await call(platform, placeOrder, orderRequest(validOrder, user(testSubs.registeredCustomer1), withKey('shared-key-0001')));
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.json.orderId).not.toBe(first.json.orderId);
    const orders = await storedOrders();
    expect(orders.find((order) => order.orderId === second.json.orderId)?.customerId).toBe(`c#${testSubs.registeredCustomer1}`);
  });

  it('does not remember a failed attempt: the same key works once the token is right', async () => {
    const customer = guest();
    const refused = await call(platform, placeOrder, orderRequest(validOrder, customer, { shopToken: 'ZZZZZZZZZZ', ...withKey('after-failure-1') }));
    expect(refused.statusCode).toBe(401);
    const placed = await call(platform, placeOrder, orderRequest(validOrder, customer, withKey('after-failure-1')));
    expect(placed.statusCode).toBe(201);
  });

  it('stores its record in its own partition, keyed by a hash of caller and key, with the order id and a TTL', async () => {
    const before = await platform.scanAll();
    const answer = await call(platform, placeOrder, orderRequest(validOrder, guest(), withKey('record-shape-1')));
    const records = writtenBetween(before, await platform.scanAll()).filter((item) => item.entityType === 'idempotency');
    expect(records).toEqual([
      {
        PK: expect.stringMatching(/^IDEMPOTENCY#[0-9a-f]{64}$/),
        SK: 'place-order',
        entityType: 'idempotency',
        orderId: answer.json.orderId,
        requestHash: expect.stringMatching(/^[0-9a-f]{64}$/),
        [ordersTable.timeToLiveAttribute]: Math.floor(platform.clock.now / 1000) + 24 * 60 * 60,
      },
    ]);
  });

  it('writes the record in the same transaction as the order: a request that sees the key taken answers the first order', async () => {
    // Both requests pass the record lookup before either writes: the race a crash-and-retry or a double tap makes.
    const customer = guest();
    let arrived = 0;
    let releaseBoth!: () => void;
    const bothArrived = new Promise<void>((resolve) => (releaseBoth = resolve));
    const stack = platform.deps.table.client.middlewareStack;
    stack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'TransactWriteItemsCommand') {
          arrived += 1;
          if (arrived === 2) releaseBoth();
          await bothArrived;
        }
        return next(args);
      },
      { step: 'initialize', name: 'holdUntilBothWrite' },
    );
    try {
      const before = await storedOrders();
      const [first, second] = await Promise.all([
        call(platform, placeOrder, orderRequest(validOrder, customer, withKey('concurrent-key-1'))),
        call(platform, placeOrder, orderRequest(validOrder, customer, withKey('concurrent-key-1'))),
      ]);
      expect(arrived).toBe(2);
      expect([first.statusCode, second.statusCode]).toEqual([201, 201]);
      expect(second.json.orderId).toBe(first.json.orderId);
      expect(await storedOrders()).toHaveLength(before.length + 1);
    } finally {
      releaseBoth();
      stack.remove('holdUntilBothWrite');
    }
  });

  it('answers 409 to a concurrent request with the same key and another body', async () => {
    const customer = guest();
    let arrived = 0;
    let releaseBoth!: () => void;
    const bothArrived = new Promise<void>((resolve) => (releaseBoth = resolve));
    const stack = platform.deps.table.client.middlewareStack;
    stack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'TransactWriteItemsCommand') {
          arrived += 1;
          if (arrived === 2) releaseBoth();
          await bothArrived;
        }
        return next(args);
      },
      { step: 'initialize', name: 'holdUntilBothWrite' },
    );
    try {
      const answers = await Promise.all([
        call(platform, placeOrder, orderRequest(validOrder, customer, withKey('concurrent-key-2'))),
        call(platform, placeOrder, orderRequest({ ...validOrder, name: 'Someone Else' }, customer, withKey('concurrent-key-2'))),
      ]);
      expect(answers.map((answer) => answer.statusCode).sort()).toEqual([201, 409]);
    } finally {
      releaseBoth();
      stack.remove('holdUntilBothWrite');
    }
  });

  it('forgets a key after a day: the same key then places a new order', async () => {
    const customer = guest();
    const first = await call(platform, placeOrder, orderRequest(validOrder, customer, withKey('day-old-key-1')));
    platform.clock.advance(24 * 60 * 60 * 1000 + 1000);
    const later = await call(platform, placeOrder, orderRequest(validOrder, customer, withKey('day-old-key-1')));
    expect(later.statusCode).toBe(201);
    expect(later.json.orderId).not.toBe(first.json.orderId);
  });

  it('also works for runners that pass no Lambda context, or one without the remaining time', async () => {
    const customer = guest();
    const bare = await placeOrder(platform.source)(orderRequest(validOrder, customer, withKey('no-context-key-1')));
    expect(bare.statusCode).toBe(201);
    const partialContext = { functionName: 'place-order', awsRequestId: 'local' } as unknown as Context;
    const retried = await placeOrder(platform.source)(orderRequest(validOrder, customer, withKey('no-context-key-1')), partialContext);
    expect(retried).toEqual(bare);
  });

  it.each([
    ['too short a key', 'short', "Invalid header 'Idempotency-Key': must match pattern"],
    ['a key with spaces', 'has spaces in it', "Invalid header 'Idempotency-Key': must match pattern"],
    ['the key twice', ['duplicate-key-1', 'duplicate-key-2'], "Header 'Idempotency-Key' must be sent at most once"],
  ])('refuses %s with 400', async (_, key, message) => {
    const answer = await call(platform, placeOrder, orderRequest(validOrder, guest(), withKey(key)));
    expect(answer).toMatchObject({ statusCode: 400, json: { message: expect.stringContaining(message) } });
  });
});
