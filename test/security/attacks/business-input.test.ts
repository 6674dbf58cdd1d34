import { seedProducts } from '../../../platform/seed';
import { testUsers } from '../../../platform/test-users';
import { expectNoDataChange } from '../../support/business-data';
import { startOfflinePlatform, type OfflinePlatform } from '../../support/offline-platform';
import type { ApiAnswer, AwsCredentials } from '../../support/signed-fetch';
import { sendExactlySigned, validOrder } from './support-input';

/**
 * A customer placing orders the way an attacker would: impossible quantities,
 * prices and ids of their own choosing, other shops' products and tokens, stale
 * tokens, oversized and malformed bodies. Every one is refused and writes nothing.
 */
let platform: OfflinePlatform;
let customer: AwsCredentials;
let shop1Owner: AwsCredentials;

beforeAll(async () => {
  platform = await startOfflinePlatform();
  [customer, shop1Owner] = await Promise.all([
    platform.credentials({ email: testUsers.registeredCustomer1.email }),
    platform.credentials({ email: testUsers.shop1Owner.email }),
  ]);
});

afterAll(async () => {
  await platform.close();
});

async function placeOrder(body: string, options: { token?: string; headers?: Record<string, string> } = {}): Promise<ApiAnswer> {
  const token = options.token ?? (await platform.shopToken('0001'));
  return platform.call(customer, { method: 'POST', path: `/prod/order?shopToken=${token}`, body, headers: options.headers });
}

const refusedAs = (status: number, message: string) => ({ status, body: { message } });
const statusAndBody = ({ status, body }: { status: number; body: unknown }) => ({ status, body });
const attack = (send: () => Promise<{ status: number; body: unknown }>) => expectNoDataChange(platform.endpoint, send).then(statusAndBody);

/** API Gateway's answer to a body its model refuses (AWS does not say which rule failed). */
const invalidBody = refusedAs(400, 'Invalid request body');
const wrongToken = refusedAs(401, 'The shop token is wrong or has expired');

describe('quantities', () => {
  // Raw JSON text: 1e309 parses to Infinity, which JSON.stringify could not even write.
  it.each([
    ['0', '0'],
    ['-1', '-1'],
    ['1.5', '1.5'],
    ['"2" (a string)', '"2"'],
    ['1e309 (Infinity once parsed)', '1e309'],
    ['null', 'null'],
    ['[] (an array)', '[]'],
    ['100 (over the maximum of 99)', '100'],
  ])('quantity %s → 400 Invalid request body, no order written', async (_name, quantity) => {
    const body = JSON.stringify(validOrder()).replace('"quantity":1', `"quantity":${quantity}`);
    expect(body).toContain(`"quantity":${quantity}}`);
    expect(await attack(() => placeOrder(body))).toEqual(invalidBody);
  });
});

describe('items', () => {
  const distinctItems = (count: number) =>
    Array.from({ length: count }, (_item, index) => ({ productId: `x${String(index).padStart(2, '0')}`, quantity: 1 }));

  it('51 items → 400 Invalid request body, no order written (50 get past the schema to the catalogue)', async () => {
    expect(await attack(() => placeOrder(JSON.stringify(validOrder('0001', distinctItems(51)))))).toEqual(invalidBody);
    expect(await attack(() => placeOrder(JSON.stringify(validOrder('0001', distinctItems(50)))))).toEqual(
      refusedAs(400, 'Product x00 does not exist in shop 0001'),
    );
  });

  it('an unknown product → 400 naming it, no order written', async () => {
    const body = JSON.stringify(validOrder('0001', [{ productId: '0011', quantity: 1 }, { productId: '9999', quantity: 1 }]));
    expect(await attack(() => placeOrder(body))).toEqual(refusedAs(400, 'Product 9999 does not exist in shop 0001'));
  });

  it("a product of the other shop (0021 in a shop 0001 order) → 400 naming it, no order written", async () => {
    const body = JSON.stringify(validOrder('0001', [{ productId: '0021', quantity: 1 }]));
    expect(await attack(() => placeOrder(body))).toEqual(refusedAs(400, 'Product 0021 does not exist in shop 0001'));
  });

  it('the same product on two lines → 400 naming it, no order written', async () => {
    const body = JSON.stringify(validOrder('0001', [{ productId: '0011', quantity: 99 }, { productId: '0011', quantity: 99 }]));
    expect(await attack(() => placeOrder(body))).toEqual(
      refusedAs(400, 'Invalid request body: product 0011 appears in more than one item; order it on one line'),
    );
  });
});

describe('fields only the platform may set', () => {
  it.each([
    ['amount', { ...validOrder(), amount: 1 }],
    ['price (on an item)', validOrder('0001', [{ productId: '0011', quantity: 1, price: 1 } as { productId: string; quantity: number }])],
    ['status', { ...validOrder(), status: 'PLACED' }],
    ['customerId', { ...validOrder(), customerId: 'c#00000000-0000-4000-8000-000000000000' }],
    ['orderId', { ...validOrder(), orderId: '6b0628ae-6062-4368-84f9-0d43b6a7d9d3' }],
  ])('client-sent %s → 400 Invalid request body, no order written', async (_field, order) => {
    expect(await attack(() => placeOrder(JSON.stringify(order)))).toEqual(invalidBody);
  });
});

describe('shop tokens', () => {
  it("shop 0001's token for shop 0002's products → 401", async () => {
    const token = await platform.shopToken('0001');
    expect(await attack(() => platform.call(customer, { path: `/prod/products?shopId=0002&shopToken=${token}` }))).toEqual(wrongToken);
  });

  it("shop 0001's token for a shop 0002 order → 401, no order written", async () => {
    const body = JSON.stringify(validOrder('0002', [{ productId: '0021', quantity: 1 }]));
    expect(await attack(() => placeOrder(body))).toEqual(wrongToken);
  });

  it('a token two rotations old → 401, no order written, while the current token works (positive control)', async () => {
    const rotate = async () => {
      const answer = await platform.call(shop1Owner, { method: 'POST', path: '/prod/shop/0001/token' });
      expect(answer.status).toBe(200);
      return (answer.body as { shopToken: string }).shopToken;
    };
    const twoRotationsOld = await platform.shopToken('0001');
    const oneRotationOld = await rotate();
    // A token rotates again only once the previous one's grace (5 s in the test stacks) is over.
    expect(platform.settings.tokenGraceSeconds).toBe(5);
    await new Promise((resolve) => setTimeout(resolve, 5_100));
    const current = await rotate();

    expect(await attack(() => placeOrder(JSON.stringify(validOrder()), { token: twoRotationsOld }))).toEqual(wrongToken);
    // The previous token is still inside its grace window: that is why it takes two rotations.
    expect((await platform.call(customer, { path: `/prod/products?shopId=0001&shopToken=${oneRotationOld}` })).status).toBe(200);
    expect((await placeOrder(JSON.stringify(validOrder()), { token: current })).status).toBe(201);
  });
});

describe('the body itself', () => {
  const oneMegabyte = 1024 * 1024;

  it('a 1 MB order (a valid order padded with whitespace) → 400 naming the size, no order written', async () => {
    const body = JSON.stringify(validOrder()).replace('{', `{${' '.repeat(oneMegabyte)}`);
    expect(await attack(() => placeOrder(body))).toEqual(refusedAs(400, 'Request body must not be larger than 65536 bytes'));
  });

  it('a 1 MB order (a 1 MB name) → 400 Invalid request body, no order written', async () => {
    const body = JSON.stringify({ ...validOrder(), name: 'x'.repeat(oneMegabyte) });
    expect(await attack(() => placeOrder(body))).toEqual(invalidBody);
  });

  it('a 9 MB order nested 4.5 million arrays deep → 400 Invalid request body, no order written, and others are served meanwhile', async () => {
    const depth = 4_500_000;
    const body = `{"shopId":${'['.repeat(depth)}${']'.repeat(depth)}}`;
    const sent = attack(() => placeOrder(body));
    const meanwhile = await platform.call(shop1Owner, { path: '/prod/shop/0001' });
    expect(await sent).toEqual(invalidBody);
    expect(meanwhile.status).toBe(200);
  });

  it('malformed JSON → 400 Invalid request body, no order written', async () => {
    expect(await attack(() => placeOrder(JSON.stringify(validOrder()).slice(0, -1)))).toEqual(invalidBody);
  });

  it('text/plain with a valid JSON body → 415 naming the content type, no order written', async () => {
    const body = JSON.stringify(validOrder());
    expect(await attack(() => placeOrder(body, { headers: { 'content-type': 'text/plain' } }))).toEqual(
      refusedAs(415, 'Content-Type must be application/json'),
    );
  });

  it('no Content-Type at all with a valid JSON body → 415 naming the content type, no order written', async () => {
    const token = await platform.shopToken('0001');
    const send = () =>
      sendExactlySigned(platform.endpoint, customer, { method: 'POST', path: '/prod/order', query: [['shopToken', token]], body: JSON.stringify(validOrder()) });
    expect(await attack(send)).toEqual(refusedAs(415, 'Content-Type must be application/json'));
  });
});

describe("customer names an owner's tools would misread", () => {
  it.each([
    ['a spreadsheet formula =HYPERLINK(…)', '=HYPERLINK("http://evil.example","Click")'],
    ['a leading + (formula)', '+1+1'],
    ['a leading - (formula)', '-2+3'],
    ['a leading @ (formula)', '@SUM(A1:A9)'],
    ['a right-to-left override U+202E', 'Anna\u202Egnp.exe'],
    ['a left-to-right isolate U+2066', '\u2066Anna\u2069'],
    ['a right-to-left mark U+200F', 'Anna\u200F'],
    ['a C1 control U+0085', 'Anna\u0085Muster'],
    ['a line separator U+2028', 'Anna\u2028Muster'],
    ['a byte-order mark U+FEFF', '\uFEFFAnna'],
    ['a tab', 'Anna\tMuster'],
  ])('a name with %s → 400 Invalid request body, no order written', async (_what, name) => {
    expect(await attack(() => placeOrder(JSON.stringify({ ...validOrder(), name })))).toEqual(invalidBody);
  });

  it('markup is only text: <script> is stored and returned as JSON text, never as a page', async () => {
    const name = '<script>alert(1)</script> Zoë';
    const placed = await placeOrder(JSON.stringify({ ...validOrder(), name }));
    expect(placed.status).toBe(201);
    const read = await platform.call(shop1Owner, { path: `/prod/order/${(placed.body as { orderId: string }).orderId}` });
    expect(read.headers.get('content-type')).toBe('application/json');
    expect(read.body).toMatchObject({ name });
  });
});

describe('prices', () => {
  it('a valid order is priced from the stored catalogue (positive control)', async () => {
    const items = [
      { productId: '0011', quantity: 3 },
      { productId: '0012', quantity: 2 },
    ];
    const placed = await placeOrder(JSON.stringify(validOrder('0001', items)));
    expect(placed.status).toBe(201);
    const read = await platform.call(customer, { path: `/prod/order/${(placed.body as { orderId: string }).orderId}` });
    const catalogue = (productId: string) => seedProducts.find((product) => product.shopId === '0001' && product.productId === productId)!;
    expect(read.body).toMatchObject({
      shopId: '0001',
      status: 'PLACED',
      items: items.map(({ productId, quantity }) => ({ productId, quantity, name: catalogue(productId).name, price: catalogue(productId).price })),
      amount: items.reduce((sum, { productId, quantity }) => sum + catalogue(productId).price * quantity, 0),
    });
  });
});
