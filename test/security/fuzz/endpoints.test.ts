import fc from 'fast-check';
import { encodePageToken } from '../../../lambdas/domain/page-token';
import { seedOrders, seedProducts } from '../../../platform/seed';
import { ordersTable } from '../../../platform/table';
import { testUsers } from '../../../platform/test-users';
import { businessData } from '../../support/business-data';
import { startOfflinePlatform, type OfflinePlatform } from '../../support/offline-platform';
import { recordFigure } from '../../support/security-figures';
import type { AwsCredentials } from '../../support/signed-fetch';
import { sendExactlySigned, validOrder, type ExactAnswer, type ExactRequest } from '../attacks/support-input';

/**
 * Generated malformed and boundary requests against every endpoint, through the
 * offline platform (SigV4, IAM, API Gateway validation, the real handlers).
 * Whatever is sent: never a 5xx, never an error message that shows internals,
 * never a write from a refused request, never another caller's data.
 */
type Caller = AwsCredentials & { identityId: string; customerId: string };

let platform: OfflinePlatform;
let customer: Caller;
let shop1Owner: Caller;
let admin: Caller;
/** Page tokens of listings the fuzzed callers do not own, to replay as forgeries. */
let foreignPageTokens: string[];
/** What the Lambdas printed: an error they did not expect is logged as `Unhandled error`. */
const functionLog: string[] = [];
/** Per endpoint, how many cases got each status: the figure shows the cases reached the handlers, not only the gateway. */
const statusesPerEndpoint = new Map<string, Map<number, number>>();
/** FUZZ_SEED replays a reported failure; otherwise every run explores new cases. */
const fuzzSeed = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);

async function signIn(email: string): Promise<Caller> {
  const user = platform.runtime.declaredUsers().find((candidate) => candidate.email === email);
  if (!user) throw new Error(`${email} is not a test user`);
  return { ...(await platform.credentials({ email })), customerId: `c#${user.username}` };
}

/** A fresh guest per case: the shop-token budget is per caller, and a spent one would hide every later case behind 429. */
const freshGuest = () => platform.credentials({ guest: true });

beforeAll(async () => {
  platform = await startOfflinePlatform({ functionLog: (line) => functionLog.push(line) });
  [customer, shop1Owner, admin] = await Promise.all([
    signIn(testUsers.registeredCustomer1.email),
    signIn(testUsers.shop1Owner.email),
    signIn(testUsers.admin.email),
  ]);
  const other = await platform.credentials(await platform.createUser('other.customer@example.com', { 'custom:role': 'customer' }));
  const token = await platform.shopToken('0001');
  for (let index = 0; index < 2; index++) {
    await platform.call(other, { method: 'POST', path: `/prod/order?shopToken=${token}`, body: JSON.stringify(validOrder()) });
  }
  const nextTokenOf = async (who: AwsCredentials, path: string) => ((await platform.call(who, { path })).body as { nextToken: string }).nextToken;
  foreignPageTokens = [
    await nextTokenOf(other, '/prod/orders?limit=1'),
    await nextTokenOf(shop1Owner, '/prod/shop/0001/orders?limit=1'),
  ];
  expect(foreignPageTokens.every((pageToken) => typeof pageToken === 'string')).toBe(true);
});

afterAll(async () => {
  await platform?.close();
  const countOf = (statuses: Map<number, number>) => [...statuses.values()].reduce((sum, count) => sum + count, 0);
  const total = [...statusesPerEndpoint.values()].reduce((sum, statuses) => sum + countOf(statuses), 0);
  const detail = [...statusesPerEndpoint]
    .map(([endpoint, statuses]) => {
      const byStatus = [...statuses].sort(([a], [b]) => a - b).map(([status, count]) => `${status}×${count}`);
      return `${endpoint}: ${countOf(statuses)} (${byStatus.join(' ')})`;
    })
    .join('; ');
  recordFigure('fuzzCases', total, detail);
});

// The platform runs in this process, and jest fails the running test on any unhandled
// rejection; a sandbox that crashes answers 502, which the 5xx check catches.
afterEach(() => {
  expect(functionLog.filter((line) => /unhandled/i.test(line))).toEqual([]);
  expect(platform.messages.filter((line) => /Unexpected failure/.test(line))).toEqual([]);
});

// Stack frames, source paths and stringified non-values are what a careless error path would
// show. Messages may echo what was sent (an unknown parameter, a product id): a pattern the
// request itself contains is an echo, not a leak.
const internals = [/\n\s+at /, /node_modules/, /\/work\//, /\/var\/task/, /\.[jt]s:\d+/, /\bundefined\b/, /\bNaN\b/, /\[object /];
const leaksIn = (message: string, request: ExactRequest) => {
  const sent = JSON.stringify({ ...request, body: request.body === undefined ? undefined : bytesOf(request.body).toString('utf8') });
  return internals.filter((pattern) => pattern.test(message) && !pattern.test(sent)).map(String);
};

const bytesOf = (body: string | Uint8Array) => (typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body));

/** A request as a failure report shows it: long values cut, bytes counted. */
const shown = (request: ExactRequest) =>
  JSON.stringify(request, (_key, value: unknown) =>
    value instanceof Uint8Array ? `<${value.length} bytes>` : typeof value === 'string' && value.length > 200 ? `${value.slice(0, 200)}…(${value.length} characters)` : value,
  );

/** Sends one generated request and checks what holds for every answer. */
async function send(endpoint: string, who: AwsCredentials, request: ExactRequest): Promise<ExactAnswer> {
  const answer = await sendExactlySigned(platform.endpoint, who, request, platform.settings.region);
  const statuses = statusesPerEndpoint.get(endpoint) ?? new Map<number, number>();
  statusesPerEndpoint.set(endpoint, statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1));
  const seen = { endpoint, request: shown(request), status: answer.status, text: answer.text.slice(0, 500) };
  expect({ ...seen, serverError: answer.status >= 500 }).toEqual({ ...seen, serverError: false });
  if (answer.status >= 400) {
    const body = answer.body as Record<string, unknown> | null;
    const message = typeof body === 'object' && body !== null ? (body.message ?? body.Message) : undefined;
    expect({ ...seen, message: typeof message }).toEqual({ ...seen, message: 'string' });
    expect({ ...seen, leaks: leaksIn(String(message), request) }).toEqual({ ...seen, leaks: [] });
  }
  return answer;
}

const orderRecords = async () => (await businessData(platform.endpoint)).filter((item) => item.entityType === 'order');

// ---------------------------------------------------------------- generators

const ascii = fc.string({ maxLength: 24 });
/** U+0000 to U+10FFFF without U+D800–U+DFFF, which only ever come in pairs in well-formed text. */
const surrogates = { first: 0xd800, count: 0x800 };
const anyCodePoint = fc
  .integer({ min: 0, max: 0x10ffff - surrogates.count })
  .map((index) => String.fromCodePoint(index < surrogates.first ? index : index + surrogates.count));
/**
 * Strings of any code points: what fc.string({ unit: 'binary' }) makes, without its search for
 * fast-check's dangerous strings among all of Unicode (a table of a million entries, a second of CPU
 * at load). The ASCII strings below inject those ('__proto__', 'constructor', …); the constants name more.
 */
const anyCodePoints = (maxLength: number) => fc.array(anyCodePoint, { maxLength }).map((characters) => characters.join(''));
const text = fc.oneof(
  ascii,
  fc.string({ unit: 'grapheme', maxLength: 24 }),
  anyCodePoints(24),
  fc.string({ unit: 'binary-ascii', maxLength: 24 }),
  fc.integer().map(String),
  fc.double().map(String),
  fc.nat({ max: 4000 }).map((length) => 'x'.repeat(length)),
  fc.nat({ max: 600 }).map((length) => 'é'.repeat(length)),
  fc.constantFrom('', ' ', '0', '-1', '1e309', '0001', '0002', '00011', '*', '%', '%00', '%2F', '../0002', '__proto__', 'constructor', 'null', 'true', '[]', '{}'),
);
const shopTokenShaped = fc.stringMatching(/^[2-9A-HJ-NP-Z]{10}$/);

/** A query value: text, or the shop's right token, looked up when the case runs. */
type QueryValue = string | { right: true };
const right = { right: true } as const;

/** Query pairs: the declared parameters (perhaps missing or repeated) and perhaps undeclared ones. */
function queryOf(declared: Record<string, fc.Arbitrary<QueryValue>>): fc.Arbitrary<Array<[string, QueryValue]>> {
  const parameter = (name: string, value: fc.Arbitrary<QueryValue>) =>
    fc.oneof(
      { weight: 4, arbitrary: value.map((one) => [[name, one]] as Array<[string, QueryValue]>) },
      { weight: 1, arbitrary: fc.constant([] as Array<[string, QueryValue]>) },
      { weight: 1, arbitrary: fc.tuple(value, value).map(([first, second]) => [[name, first], [name, second]] as Array<[string, QueryValue]>) },
    );
  const undeclared = fc.array(
    fc.tuple(fc.oneof(text, fc.constantFrom('shopId', 'shopToken', 'limit', 'nextToken', 'id', 'SHOPTOKEN', 'amount')), text),
    { maxLength: 2 },
  );
  return fc
    .tuple(fc.tuple(...Object.entries(declared).map(([name, value]) => parameter(name, value))), fc.oneof({ weight: 3, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: undeclared }))
    .map(([pairs, extra]) => [...pairs.flat(), ...(extra as Array<[string, string]>)].filter(([name]) => name !== ''));
}

const resolveQuery = (pairs: Array<[string, QueryValue]>, rightToken: string): Array<[string, string]> =>
  pairs.map(([name, value]) => [name, typeof value === 'string' ? value : rightToken]);

const headerValue = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)), maxLength: 40 });
const extraHeaders = fc.oneof(
  { weight: 3, arbitrary: fc.constant({} as Record<string, string>) },
  { weight: 1, arbitrary: fc.dictionary(fc.stringMatching(/^x-fuzz-[a-z0-9-]{1,12}$/), headerValue, { maxKeys: 2 }) },
);

const limit = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: -5, max: 105 }).map(String) },
  { weight: 1, arbitrary: fc.constantFrom('0', '1', '100', '101', '1.5', '1e2', '01', '+5', ' 5', '0x10', '9'.repeat(40), 'Infinity', 'NaN', '') },
  { weight: 1, arbitrary: text },
);

const base64url = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value), 'utf8').toString('base64url');

/** Page tokens an attacker would try: junk, well-formed JSON of the wrong shape, other listings' real tokens, a real token edited. */
function forgedNextToken(ownPartition: string, index: (typeof ordersTable.indexes)[keyof typeof ordersTable.indexes]): fc.Arbitrary<QueryValue> {
  const keyOf = (orderId: string, partition: string, date = '2026-01-15T09:30:00.000Z') => ({
    [ordersTable.partitionKey]: `ORDER#${orderId}`,
    [ordersTable.sortKey]: 'ORDER',
    [index.partitionKey]: partition,
    [index.sortKey]: `${date}#${orderId}`,
  });
  return fc.oneof(
    text,
    fc.base64String({ maxLength: 200 }),
    fc.jsonValue({ maxDepth: 3 }).map(base64url),
    fc.constantFrom(...foreignPageTokens),
    // Well-formed keys: accepted for the caller's own partition (a page after that key), refused for any other.
    {
      weight: 3,
      arbitrary: fc
        .tuple(fc.uuid({ version: 4 }), fc.constantFrom(ownPartition, 'CUSTOMER#c#00000000-0000-4000-8000-000000000000', 'SHOP#0002', 'SHOP#0001'))
        .map(([orderId, partition]) => encodePageToken(index, keyOf(orderId, partition))),
    },
    fc.tuple(fc.uuid({ version: 4 }), fc.uuid({ version: 4 }), text).map(([orderId, otherId, date]) =>
      base64url({ ...keyOf(orderId, ownPartition, date), [index.sortKey]: `${date}#${otherId}` }),
    ),
    fc.tuple(fc.uuid({ version: 4 }), fc.jsonValue({ maxDepth: 2 })).map(([orderId, extra]) => base64url({ ...keyOf(orderId, ownPartition), extra })),
    fc.uuid({ version: 4 }).map((orderId) => `${encodePageToken(index, keyOf(orderId, ownPartition))}=`),
  );
}

/** A path segment as sent: encoded text, long runs, every byte percent-encoded, and raw tricks. */
const pathSegment = fc.oneof(
  text.map(encodeURIComponent),
  fc.uuid().map(String),
  fc.constantFrom(...seedOrders.map((order) => order.orderId)),
  text.map((value) => [...Buffer.from(value, 'utf8')].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('')),
  fc.nat({ max: 3000 }).map((length) => 'a'.repeat(length)),
  fc.constantFrom('%2F', '%2f0002', '..', '.', '%2e%2e', '%00', '%ZZ', '%', '%C0%AF', '%E2%80%AE', ';x', '0001;', '0001%3B', '~', '$'),
);

const quantity = fc.oneof(
  fc.integer({ min: -3, max: 102 }),
  fc.constantFrom(0, 1, 99, 100, -0, 1.5, 99.999, Number.MAX_SAFE_INTEGER, 2 ** 53 + 1, 1e308),
  fc.double(),
  fc.oneof(text, fc.boolean(), fc.constant(null), fc.array(fc.nat(), { maxLength: 2 }), fc.object({ maxDepth: 1 })),
);
const productId = fc.oneof(fc.constantFrom(...seedProducts.map((product) => product.productId), '9999', '', '0011 '), text);
const forbiddenFields = fc.dictionary(
  fc.oneof(fc.constantFrom('amount', 'price', 'status', 'customerId', 'orderId', 'date', '__proto__', 'constructor'), ascii),
  fc.jsonValue({ maxDepth: 2 }),
  { maxKeys: 2 },
);
const item = fc
  .tuple(fc.record({ productId, quantity }, { requiredKeys: [] }), fc.oneof({ weight: 4, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: forbiddenFields }))
  .map(([fields, extra]) => ({ ...extra, ...fields }));
const phoneNumber = fc.oneof(fc.stringMatching(/^\+[1-9][0-9]{6,14}$/), text, fc.jsonValue({ maxDepth: 1 }));
const customerName = fc.oneof(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 101 }), text, fc.jsonValue({ maxDepth: 1 }));

/** Orders every check accepts, so that the write property also sees successes. */
const acceptableOrder = fc.constantFrom('0001', '0002').chain((shopId) =>
  fc.record({
    shopId: fc.constant(shopId),
    phoneNumber: fc.stringMatching(/^\+[1-9][0-9]{6,14}$/),
    name: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 100 }).filter((name) => !/[\u0000-\u001f\u007f]/.test(name)),
    items: fc.uniqueArray(
      fc.record({
        productId: fc.constantFrom(...seedProducts.filter((product) => product.shopId === shopId).map((product) => product.productId)),
        quantity: fc.integer({ min: 1, max: 99 }),
      }),
      { selector: (line) => line.productId, minLength: 1, maxLength: 2 },
    ),
  }),
);
const malformedOrder = fc
  .tuple(
    fc.record(
      {
        shopId: fc.oneof(fc.constantFrom('0001', '0002', '0003'), text, fc.jsonValue({ maxDepth: 1 })),
        phoneNumber,
        name: customerName,
        items: fc.oneof(
          fc.array(item, { maxLength: 4 }),
          fc.array(fc.record({ productId: fc.constantFrom('0011', '0012'), quantity: fc.integer({ min: 1, max: 99 }) }), { minLength: 48, maxLength: 53 }),
          fc.jsonValue({ maxDepth: 2 }),
        ),
      },
      { requiredKeys: [] },
    ),
    fc.oneof({ weight: 3, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: forbiddenFields }),
  )
  .map(([fields, extra]) => ({ ...extra, ...fields }));
const deeplyNested = fc.tuple(fc.nat({ max: 20000 }), fc.constantFrom('[', '{"a":')).map(([depth, open]) =>
  `${open.repeat(depth)}1${(open === '[' ? ']' : '}').repeat(depth)}`,
);
/** Number spellings JSON.stringify never writes. */
const rawQuantityText = fc
  .constantFrom('1e309', '-1e309', '1E0', '1.0', '01', '-0', '0x1', '1_0', 'NaN', 'Infinity', '.5', '1.', '+1', '99.0000000000000001')
  .map((spelling) => JSON.stringify(validOrder()).replace('"quantity":1', `"quantity":${spelling}`));
const orderBody: fc.Arbitrary<string | Uint8Array> = fc.oneof(
  { weight: 3, arbitrary: acceptableOrder.map((order) => JSON.stringify(order)) },
  { weight: 5, arbitrary: malformedOrder.map((order) => JSON.stringify(order)) },
  { weight: 1, arbitrary: fc.jsonValue().map((value) => JSON.stringify(value)) },
  { weight: 1, arbitrary: deeplyNested },
  { weight: 1, arbitrary: rawQuantityText },
  { weight: 1, arbitrary: anyCodePoints(200) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }) },
);

const contentType = fc.oneof(
  { weight: 3, arbitrary: fc.constant('application/json') },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      'application/json; charset=utf-8',
      'APPLICATION/JSON',
      'application/json; charset=latin1',
      'application/json;',
      'application/jsonx',
      'text/plain',
      'text/json',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      '*/*',
      '',
    ),
  },
  { weight: 1, arbitrary: headerValue },
);
const idempotencyKey = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9_.:-]{8,128}$/),
  headerValue,
  fc.constantFrom('', 'short', 'x'.repeat(129), 'key with spaces', 'ÿÿÿÿÿÿÿÿ'),
);

/** The shop a body names, when it names one with a token. */
function shopNamedIn(body: string | Uint8Array): string {
  try {
    const shopId = (JSON.parse(bytesOf(body).toString('utf8')) as { shopId?: unknown }).shopId;
    return shopId === '0002' ? '0002' : '0001';
  } catch {
    return '0001';
  }
}

/**
 * Runs a property without shrinking (each case is a real request). On failure
 * it reports the seed, the counterexample cut to a readable length (it can run
 * to megabytes) and the failed check; FUZZ_SEED=<seed> replays it.
 */
async function check<T>(arbitrary: fc.Arbitrary<T>, numRuns: number, predicate: (value: T) => Promise<void>): Promise<void> {
  const details = await fc.check(fc.asyncProperty(arbitrary, predicate), { numRuns, endOnFailure: true, seed: fuzzSeed });
  if (details.failed) {
    const cause = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    const counterexample = fc.stringify(details.counterexample).slice(0, 2000);
    throw new Error(`Property failed after ${details.numRuns} runs (seed ${details.seed}, path ${details.counterexamplePath}):\n${counterexample}\n${cause.slice(0, 4000)}`);
  }
}

// ---------------------------------------------------------------- properties

describe('fuzzing every endpoint', () => {
  it('GET /products (query): never a 5xx, and 200 only with the shop\'s right token', async () => {
    const query = queryOf({ shopId: fc.oneof(fc.constantFrom('0001', '0002'), text), shopToken: fc.oneof(fc.constant(right), shopTokenShaped, text) });
    await check(fc.tuple(query, extraHeaders), 100, async ([pairs, headers]) => {
      const shopId = pairs.find(([name]) => name === 'shopId')?.[1];
      const rightToken = typeof shopId === 'string' && ['0001', '0002'].includes(shopId) ? await platform.shopToken(shopId) : 'ZZZZZZZZZZ';
      const sent = resolveQuery(pairs, rightToken);
      const answer = await send('GET /products', await freshGuest(), { path: '/prod/products', query: sent, headers });
      if (answer.status === 200) {
        expect(sent.filter(([name]) => name === 'shopToken')).toEqual([['shopToken', rightToken]]);
        expect((answer.body as { shopId: string }).shopId).toBe(shopId);
      }
    });
  });

  it('POST /order (body): never a 5xx, no write unless 201, and a 201 writes exactly the order asked for', async () => {
    // Content types are the next property's subject: here nearly every body is declared JSON, so it reaches the checks.
    const type = fc.oneof({ weight: 9, arbitrary: fc.constant('application/json') }, { weight: 1, arbitrary: contentType });
    await check(fc.tuple(orderBody, type), 100, async ([body, declaredType]) => {
      const shopId = shopNamedIn(body);
      const token = await platform.shopToken(shopId);
      const before = await orderRecords();
      const answer = await send('POST /order', customer, { method: 'POST', path: '/prod/order', query: [['shopToken', token]], headers: { 'content-type': declaredType }, body });
      const after = await orderRecords();
      if (answer.status !== 201) {
        expect(after).toEqual(before);
        return;
      }
      const requested = JSON.parse(bytesOf(body).toString('utf8')) as ReturnType<typeof validOrder>;
      const { orderId } = answer.body as { orderId: string };
      const added = after.filter((order) => !before.some((earlier) => earlier.orderId === order.orderId));
      const price = (productId: string) => seedProducts.find((product) => product.shopId === requested.shopId && product.productId === productId)!.price;
      expect(added).toEqual([
        expect.objectContaining({
          orderId,
          shopId: requested.shopId,
          customerId: customer.customerId,
          name: requested.name,
          phoneNumber: requested.phoneNumber,
          items: requested.items.map((line) => expect.objectContaining({ productId: line.productId, quantity: line.quantity, price: price(line.productId) })),
          amount: requested.items.reduce((sum, line) => sum + price(line.productId) * (line.quantity as number), 0),
          status: 'PLACED',
        }),
      ]);
    });
  });

  it('POST /order (query and headers): never a 5xx, and no write unless 201', async () => {
    const query = queryOf({ shopToken: fc.oneof({ weight: 3, arbitrary: fc.constant(right) }, { weight: 1, arbitrary: shopTokenShaped }, { weight: 2, arbitrary: text }) });
    const headers = fc.record({ 'content-type': contentType, 'idempotency-key': idempotencyKey }, { requiredKeys: [] });
    await check(fc.tuple(query, headers, extraHeaders), 100, async ([pairs, declaredHeaders, extra]) => {
      const sent = resolveQuery(pairs, await platform.shopToken('0001'));
      const before = await orderRecords();
      const answer = await send('POST /order', await freshGuest(), {
        method: 'POST',
        path: '/prod/order',
        query: sent,
        headers: { ...extra, ...declaredHeaders },
        body: JSON.stringify(validOrder()),
      });
      const after = await orderRecords();
      expect(after.length - before.length).toBe(answer.status === 201 ? 1 : 0);
    });
  });

  it('GET /order/{id} (path): never a 5xx, and a 200 is always one of the caller\'s own orders', async () => {
    const before = await businessData(platform.endpoint);
    await check(fc.tuple(pathSegment, extraHeaders), 100, async ([segment, headers]) => {
      const answer = await send('GET /order/{id}', customer, { path: `/prod/order/${segment}`, headers });
      if (answer.status === 200) expect((answer.body as { customerId: string }).customerId).toBe(customer.customerId);
      else if (answer.status === 404) expect(answer.body).toEqual({ message: 'Order not found' });
    });
    expect(await businessData(platform.endpoint)).toEqual(before);
  });

  it('GET /orders (limit, forged nextTokens): never a 5xx, and a 200 lists only the caller\'s own orders', async () => {
    const ownPartition = `CUSTOMER#${customer.customerId}`;
    const query = queryOf({ limit, nextToken: forgedNextToken(ownPartition, ordersTable.indexes.customerOrders) });
    const before = await businessData(platform.endpoint);
    await check(fc.tuple(query, extraHeaders), 100, async ([pairs, headers]) => {
      const answer = await send('GET /orders', customer, { path: '/prod/orders', query: resolveQuery(pairs, ''), headers });
      if (answer.status === 200) {
        const { orders } = answer.body as { orders: Array<{ customerId: string }> };
        expect(orders.filter((order) => order.customerId !== customer.customerId)).toEqual([]);
      }
    });
    expect(await businessData(platform.endpoint)).toEqual(before);
  });

  it('shop routes as shop1 owner (path, query, body): never a 5xx, 200 only for shop 0001, and no rotation unless 200', async () => {
    const routes = [
      { method: 'GET', suffix: '', endpoint: 'GET /shop/{id}' },
      { method: 'GET', suffix: '/orders', endpoint: 'GET /shop/{id}/orders' },
      { method: 'GET', suffix: '/sales', endpoint: 'GET /shop/{id}/sales' },
      { method: 'POST', suffix: '/token', endpoint: 'POST /shop/{id}/token' },
    ];
    // Only the listing declares query parameters; the other routes mostly get none, sometimes junk.
    const routeAndQuery = fc
      .constantFrom(...routes)
      .chain((route) =>
        fc.tuple(fc.constant(route), route.suffix === '/orders' ? queryOf({ limit, nextToken: forgedNextToken('SHOP#0001', ordersTable.indexes.shopOrders) }) : queryOf({})),
      );
    const shopId = fc.oneof({ weight: 3, arbitrary: fc.constant('0001') }, { weight: 2, arbitrary: pathSegment });
    const body = fc.option(fc.oneof(fc.jsonValue().map((value) => JSON.stringify(value)), fc.uint8Array({ maxLength: 100 })), { nil: undefined });
    await check(fc.tuple(routeAndQuery, shopId, body, extraHeaders), 100, async ([[{ method, suffix, endpoint }, pairs], id, payload, headers]) => {
      const before = await businessData(platform.endpoint);
      const answer = await send(endpoint, shop1Owner, { method, path: `/prod/shop/${id}${suffix}`, query: resolveQuery(pairs, ''), headers, body: method === 'POST' ? payload : undefined });
      const after = await businessData(platform.endpoint);
      if (answer.status === 200) {
        // API Gateway decodes a path parameter before IAM and the handler see it: %30%30%30%31 is shop 0001.
        expect(decodeURIComponent(id)).toBe('0001');
        const { orders } = answer.body as { orders?: Array<{ shopId: string }> };
        expect((orders ?? []).filter((order) => order.shopId !== '0001')).toEqual([]);
      }
      if (!(answer.status === 200 && method === 'POST')) expect(after).toEqual(before);
    });
  });

  it('GET /service-stats as admin (query, headers): never a 5xx, and any query parameter is refused with 400', async () => {
    const query = fc.array(fc.tuple(text, text), { maxLength: 2 }).map((pairs) => pairs.filter(([name]) => name !== ''));
    const before = await businessData(platform.endpoint);
    await check(fc.tuple(query, extraHeaders), 50, async ([pairs, headers]) => {
      const answer = await send('GET /service-stats', admin, { path: '/prod/service-stats', query: pairs, headers });
      if (pairs.some(([name]) => name === '__proto__')) {
        // No signature can cover a parameter of that name, so the gateway refuses it before the handler.
        expect([answer.status, answer.body]).toEqual([
          403,
          { message: "A query parameter named '__proto__' cannot be covered by a signature here; remove it." },
        ]);
      } else {
        expect(answer.status).toBe(pairs.length === 0 ? 200 : 400);
      }
    });
    expect(await businessData(platform.endpoint)).toEqual(before);
  });
});
