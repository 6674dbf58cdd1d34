import { ConfirmSignUpCommand, SignUpCommand } from '@aws-sdk/client-cognito-identity-provider';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repositoryRoot } from '../../bundling/bundle-lambda';
import { seedOrders } from '../../platform/seed';
import { testUsers } from '../../platform/test-users';
import { matrixCells, statusMatches, type MatrixContext, type MatrixPrincipal } from '../../security/access-matrix';
import { renderAccessMatrix } from '../../security/render-access-matrix';
import { startOfflinePlatform, type OfflinePlatform } from '../support/offline-platform';
import { recordFigure } from '../support/security-figures';
import type { AwsCredentials } from '../support/signed-fetch';

/** Every cell of the access matrix, run against the offline platform with real credentials. */
let platform: OfflinePlatform;
const credentials = new Map<MatrixPrincipal, AwsCredentials>();
const ownOrders = new Map<MatrixPrincipal, string>();
let otherGuestOrderId: string;
const cells = matrixCells();

async function placeOrder(who: AwsCredentials): Promise<string> {
  const token = await platform.shopToken('0001');
  const placed = await platform.call(who, {
    method: 'POST',
    path: `/prod/order?shopToken=${token}`,
    body: JSON.stringify({ shopId: '0001', phoneNumber: '+41790000021', name: 'Own Order', items: [{ productId: '0012', quantity: 1 }] }),
  });
  if (placed.status !== 201) throw new Error(`Setting up: an order was refused with ${placed.status}`);
  return (placed.body as { orderId: string }).orderId;
}

/** A user who signs up themselves, first trying to claim the admin role and shop 0001. */
async function selfSignedUp(): Promise<AwsCredentials> {
  const { userPoolClientId: ClientId } = platform.runtime.outputs;
  const email = 'self.signed.up@example.com';
  const Password = 'SelfSigned1Up';
  const claim = { Name: 'custom:role', Value: 'admin' };
  const shop = { Name: 'custom:shopId', Value: '0001' };
  for (const attributes of [[claim], [shop], [claim, shop]]) {
    const refused = await platform.clients.idp
      .send(new SignUpCommand({ ClientId, Username: email, Password, UserAttributes: [{ Name: 'email', Value: email }, ...attributes] }))
      .then(
        () => 'accepted',
        (error: Error) => error.name,
      );
    if (refused !== 'NotAuthorizedException') throw new Error(`Sign-up claiming ${JSON.stringify(attributes)} was ${refused}`);
  }
  await platform.clients.idp.send(new SignUpCommand({ ClientId, Username: email, Password, UserAttributes: [{ Name: 'email', Value: email }] }));
  const code = platform.messages.map((line) => new RegExp(`Confirmation code for ${email}: (\\d{6})`).exec(line)?.[1]).find(Boolean);
  await platform.clients.idp.send(new ConfirmSignUpCommand({ ClientId, Username: email, ConfirmationCode: code }));
  return platform.credentials({ email, password: Password });
}

beforeAll(async () => {
  platform = await startOfflinePlatform();
  const second = await platform.createUser('registeredcustomer2@example.com', { 'custom:role': 'customer' });
  credentials.set('guest', await platform.credentials({ guest: true }));
  credentials.set('customer', await platform.credentials({ email: testUsers.registeredCustomer1.email }));
  credentials.set('secondCustomer', await platform.credentials(second));
  credentials.set('shop1Owner', await platform.credentials({ email: testUsers.shop1Owner.email }));
  credentials.set('shop2Owner', await platform.credentials({ email: testUsers.shop2Owner.email }));
  credentials.set('admin', await platform.credentials({ email: testUsers.admin.email }));
  credentials.set('selfSignedUp', await selfSignedUp());
  for (const principal of ['guest', 'customer', 'secondCustomer', 'shop1Owner', 'shop2Owner', 'selfSignedUp'] as const) {
    ownOrders.set(principal, await placeOrder(credentials.get(principal)!));
  }
  otherGuestOrderId = await placeOrder(await platform.credentials({ guest: true }));
});

afterAll(async () => {
  recordFigure('accessMatrixCells', cells.length, 'caller × request cells checked against the offline platform');
  await platform.close();
});

function contextFor(principal: MatrixPrincipal): MatrixContext {
  return {
    shopToken: (shopId) => platform.shopToken(shopId),
    ownOrderId: ownOrders.get(principal),
    seedOrderId: (shopId) => seedOrders.find((order) => order.shopId === shopId)!.orderId,
    otherGuestOrderId,
  };
}

describe('access matrix', () => {
  it.each(cells.map((cell) => [cell.principal, cell.request.label, cell.expected, cell] as const))(
    '%s: %s → %s',
    async (principal, _label, expected, { request }) => {
      const path = await request.path(contextFor(principal));
      const origin = platform.settings.webOrigin;
      const preflight = request.preflightFor && { origin, 'access-control-request-method': request.preflightFor, 'access-control-request-headers': 'authorization,x-amz-date' };
      const answer =
        principal === 'unsigned'
          ? await fetch(new URL(path, platform.endpoint), {
              method: request.method,
              body: request.body,
              headers: preflight ?? (request.body ? { 'content-type': 'application/json' } : {}),
            }).then(async (response) => ({ status: response.status, headers: response.headers, body: await response.text() }))
          : await platform.call(credentials.get(principal)!, { method: request.method, path, body: request.body });
      if (preflight) {
        expect({
          origin: answer.headers.get('access-control-allow-origin'),
          methods: answer.headers.get('access-control-allow-methods')?.split(','),
          headers: answer.headers.get('access-control-allow-headers')?.split(','),
        }).toEqual({ origin, methods: expect.arrayContaining([request.preflightFor, 'OPTIONS']), headers: expect.arrayContaining(['authorization', 'x-amz-date']) });
      }
      expect({ principal, request: request.label, status: answer.status, matches: statusMatches(answer.status, expected) }).toEqual({
        principal,
        request: request.label,
        status: answer.status,
        matches: true,
      });
    },
  );

  it('is published as docs/access-matrix.md, rendered from the same data', () => {
    const committed = readFileSync(join(repositoryRoot, 'docs', 'access-matrix.md'), 'utf8');
    expect(committed).toBe(renderAccessMatrix());
  });
});
