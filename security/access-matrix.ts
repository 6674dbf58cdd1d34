/**
 * The access model as data: for every caller and every request, the outcome the
 * platform must give. `test/security/access-matrix.test.ts` checks each cell
 * against the running offline platform, and `docs/access-matrix.md` is rendered
 * from this file (`npm run access-matrix`), so the published matrix is the
 * tested one.
 */
import { routes } from '../platform/routes';

export type MatrixPrincipal =
  | 'unsigned'
  | 'guest'
  | 'customer'
  | 'secondCustomer'
  | 'shop1Owner'
  | 'shop2Owner'
  | 'admin'
  | 'selfSignedUp';

/** `2xx` any success; `—` does not apply (the caller cannot have such an order). */
export type Outcome = '2xx' | '401' | '403' | '404' | '—';

export const matrixPrincipals: ReadonlyArray<{ key: MatrixPrincipal; label: string; description: string }> = [
  { key: 'unsigned', label: 'Unsigned', description: 'no signature at all' },
  { key: 'guest', label: 'Guest', description: 'identity-pool guest (visitor)' },
  { key: 'customer', label: 'Customer', description: 'registeredcustomer1@example.com, who owns the seed orders' },
  { key: 'secondCustomer', label: 'Customer 2', description: 'a second registered customer' },
  { key: 'shop1Owner', label: 'Owner 0001', description: 'shop1owner@example.com' },
  { key: 'shop2Owner', label: 'Owner 0002', description: 'shop2owner@example.com' },
  { key: 'admin', label: 'Admin', description: 'adminuser@example.com' },
  {
    key: 'selfSignedUp',
    label: 'Self-signed-up',
    description: 'signed up themselves after trying to claim custom:role=admin and custom:shopId=0001',
  },
];

/** What a request needs from the running platform to be built. */
export interface MatrixContext {
  /** The shop's current token. */
  shopToken(shopId: string): Promise<string>;
  /** An order this caller placed in shop 0001, if it can place orders. */
  ownOrderId?: string;
  /** registeredcustomer1's seed order in a shop. */
  seedOrderId(shopId: string): string;
  /** An order another guest placed in shop 0001. */
  otherGuestOrderId: string;
}

export interface MatrixRequest {
  label: string;
  /** OPTIONS: a browser's CORS preflight, unsigned, from the web app's origin (SHOP_WEB_ORIGIN). */
  method: 'GET' | 'POST' | 'OPTIONS';
  /** For a preflight: the method the browser asks to use. */
  preflightFor?: 'GET' | 'POST';
  /** Path and query under the API's base URL, e.g. `/prod/orders`. */
  path(context: MatrixContext): Promise<string> | string;
  body?: string;
  expected: Readonly<Record<MatrixPrincipal, Outcome>>;
}

const orderBody = (shopId: string, productId: string) =>
  JSON.stringify({ shopId, phoneNumber: '+41790000020', name: 'Matrix Check', items: [{ productId, quantity: 1 }] });

/** An order id that exists nowhere (a well-formed UUID v4). */
export const unknownOrderId = '0f3c2d1e-5b6a-4c7d-8e9f-a0b1c2d3e4f5';

type Row = Readonly<Record<MatrixPrincipal, Outcome>>;

/** Outcomes of the customer operations: every signed-in caller but the admin may use them. */
function customerRow(outcome: Outcome): Row {
  return {
    unsigned: '403',
    guest: outcome,
    customer: outcome,
    secondCustomer: outcome,
    shop1Owner: outcome,
    shop2Owner: outcome,
    admin: '403',
    selfSignedUp: outcome,
  };
}

/** Outcomes of a shop owner's route: its owner only. */
function shopRow(owner: 'shop1Owner' | 'shop2Owner'): Row {
  return {
    unsigned: '403',
    guest: '403',
    customer: '403',
    secondCustomer: '403',
    shop1Owner: owner === 'shop1Owner' ? '2xx' : '403',
    shop2Owner: owner === 'shop2Owner' ? '2xx' : '403',
    admin: '403',
    selfSignedUp: '403',
  };
}

const shopRoutes = (shopId: string, owner: 'shop1Owner' | 'shop2Owner'): MatrixRequest[] => [
  { label: `GET /shop/${shopId}`, method: 'GET', path: () => `/prod/shop/${shopId}`, expected: shopRow(owner) },
  { label: `GET /shop/${shopId}/orders`, method: 'GET', path: () => `/prod/shop/${shopId}/orders`, expected: shopRow(owner) },
  { label: `GET /shop/${shopId}/sales`, method: 'GET', path: () => `/prod/shop/${shopId}/sales`, expected: shopRow(owner) },
  { label: `POST /shop/${shopId}/token`, method: 'POST', path: () => `/prod/shop/${shopId}/token`, expected: shopRow(owner) },
];

export const accessMatrix: readonly MatrixRequest[] = [
  {
    label: 'GET /products of shop 0001, its token',
    method: 'GET',
    path: async (context) => `/prod/products?shopId=0001&shopToken=${await context.shopToken('0001')}`,
    expected: customerRow('2xx'),
  },
  {
    label: 'GET /products of shop 0002, its token',
    method: 'GET',
    path: async (context) => `/prod/products?shopId=0002&shopToken=${await context.shopToken('0002')}`,
    expected: customerRow('2xx'),
  },
  {
    label: "GET /products of shop 0001, shop 0002's token",
    method: 'GET',
    path: async (context) => `/prod/products?shopId=0001&shopToken=${await context.shopToken('0002')}`,
    expected: customerRow('401'),
  },
  {
    label: 'GET /products of an unknown shop',
    method: 'GET',
    path: async (context) => `/prod/products?shopId=9999&shopToken=${await context.shopToken('0001')}`,
    expected: customerRow('404'),
  },
  {
    label: 'POST /order in shop 0001, its token',
    method: 'POST',
    path: async (context) => `/prod/order?shopToken=${await context.shopToken('0001')}`,
    body: orderBody('0001', '0011'),
    expected: customerRow('2xx'),
  },
  {
    label: 'POST /order in shop 0002, its token',
    method: 'POST',
    path: async (context) => `/prod/order?shopToken=${await context.shopToken('0002')}`,
    body: orderBody('0002', '0021'),
    expected: customerRow('2xx'),
  },
  {
    label: "POST /order in shop 0001, shop 0002's token",
    method: 'POST',
    path: async (context) => `/prod/order?shopToken=${await context.shopToken('0002')}`,
    body: orderBody('0001', '0011'),
    expected: customerRow('401'),
  },
  {
    label: 'GET /order/{id}, own order',
    method: 'GET',
    path: (context) => `/prod/order/${context.ownOrderId}`,
    expected: { ...customerRow('2xx'), unsigned: '—', admin: '—' },
  },
  {
    label: "GET /order/{id}, customer's order in shop 0001",
    method: 'GET',
    path: (context) => `/prod/order/${context.seedOrderId('0001')}`,
    expected: { ...customerRow('404'), customer: '2xx', shop1Owner: '2xx' },
  },
  {
    label: "GET /order/{id}, customer's order in shop 0002",
    method: 'GET',
    path: (context) => `/prod/order/${context.seedOrderId('0002')}`,
    expected: { ...customerRow('404'), customer: '2xx', shop2Owner: '2xx' },
  },
  {
    label: "GET /order/{id}, another guest's order in shop 0001",
    method: 'GET',
    path: (context) => `/prod/order/${context.otherGuestOrderId}`,
    expected: { ...customerRow('404'), shop1Owner: '2xx' },
  },
  {
    label: 'GET /order/{id}, unknown id',
    method: 'GET',
    path: () => `/prod/order/${unknownOrderId}`,
    expected: customerRow('404'),
  },
  { label: 'GET /orders (own orders)', method: 'GET', path: () => '/prod/orders', expected: customerRow('2xx') },
  ...shopRoutes('0001', 'shop1Owner'),
  ...shopRoutes('0002', 'shop2Owner'),
  {
    label: 'GET /service-stats',
    method: 'GET',
    path: () => '/prod/service-stats',
    expected: {
      unsigned: '403',
      guest: '403',
      customer: '403',
      secondCustomer: '403',
      shop1Owner: '403',
      shop2Owner: '403',
      admin: '2xx',
      selfSignedUp: '403',
    },
  },
];

/**
 * A browser's preflight of every route, as the web app on SHOP_WEB_ORIGIN sends
 * it: without credentials (a browser never signs one), so only the unsigned
 * column applies. The answer must name that origin and allow the route's method.
 */
export const preflightMatrix: readonly MatrixRequest[] = routes.map((route) => ({
  label: `OPTIONS ${route.path} (preflight of ${route.method})`,
  method: 'OPTIONS',
  preflightFor: route.method,
  path: () => `/prod${route.path.replace('/order/{id}', `/order/${unknownOrderId}`).replace('{id}', '0001')}`,
  expected: { unsigned: '2xx', guest: '—', customer: '—', secondCustomer: '—', shop1Owner: '—', shop2Owner: '—', admin: '—', selfSignedUp: '—' },
}));

/** Whether an HTTP status is the outcome a cell expects. */
export function statusMatches(status: number, outcome: Exclude<Outcome, '—'>): boolean {
  return outcome === '2xx' ? status >= 200 && status < 300 : status === Number(outcome);
}

/** The cells that apply, in order. */
export function matrixCells(): Array<{ principal: MatrixPrincipal; request: MatrixRequest; expected: Exclude<Outcome, '—'> }> {
  return [...accessMatrix, ...preflightMatrix].flatMap((request) =>
    matrixPrincipals
      .map(({ key }) => ({ principal: key, request, expected: request.expected[key] }))
      .filter((cell): cell is { principal: MatrixPrincipal; request: MatrixRequest; expected: Exclude<Outcome, '—'> } => cell.expected !== '—'),
  );
}
