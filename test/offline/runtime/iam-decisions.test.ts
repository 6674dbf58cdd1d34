import { testUsers } from '../../../platform/test-users';
import { startOfflinePlatform, type OfflinePlatform } from '../../support/offline-platform';

/** Every IAM decision is logged with its principal, action, resource and the statement that decided. */
type Entry = { principal: string; action: string; resource: string; decision: string; explanation: string };
const decisions: Entry[] = [];
let platform: OfflinePlatform;

beforeAll(async () => {
  platform = await startOfflinePlatform({ decisionLog: (entry) => decisions.push(entry) });
});
afterAll(async () => {
  await platform.close();
});

describe('IAM decision log', () => {
  it('explains a denial: who, that no statement allows the action on the resource, and what the role does allow', async () => {
    const guest = await platform.credentials({ guest: true });
    decisions.length = 0;
    expect((await platform.call(guest, { path: '/prod/service-stats' })).status).toBe(403);
    const methodArn = `arn:aws:execute-api:eu-central-1:000000000000:${platform.runtime.outputs.apiId}/prod/GET/service-stats`;
    expect(decisions).toEqual([
      {
        principal: 'arn:aws:sts::000000000000:assumed-role/shop-platform-IdentityPool-UnauthenticatedRole/CognitoIdentityCredentials',
        action: 'execute-api:Invoke',
        resource: methodArn,
        decision: 'ImplicitDeny',
        explanation:
          'ImplicitDeny: arn:aws:sts::000000000000:assumed-role/shop-platform-IdentityPool-UnauthenticatedRole/CognitoIdentityCredentials: ' +
          `no statement allows execute-api:Invoke on ${methodArn}; ` +
          'role shop-platform-IdentityPool-UnauthenticatedRole has statements allowing it on ' +
          '…/prod/GET/products, …/prod/POST/order, …/prod/GET/order/*, …/prod/GET/orders (Sid "InvokeApiMethods")',
      },
    ]);
  });

  it("explains an owner's denial with what the role does allow for this caller: its own shop, the tag filled in", async () => {
    const owner = await platform.credentials({ email: testUsers.shop2Owner.email });
    decisions.length = 0;
    expect((await platform.call(owner, { path: '/prod/shop/0001/sales' })).status).toBe(403);
    const stage = `arn:aws:execute-api:eu-central-1:000000000000:${platform.runtime.outputs.apiId}/prod`;
    expect(decisions.map((entry) => entry.explanation)).toEqual([
      'ImplicitDeny: arn:aws:sts::000000000000:assumed-role/shop-platform-IdentityPool-ShopOwnerRole/CognitoIdentityCredentials: ' +
        `no statement allows execute-api:Invoke on ${stage}/GET/shop/0001/sales; ` +
        'role shop-platform-IdentityPool-ShopOwnerRole has statements allowing it on ' +
        '…/prod/GET/products, …/prod/POST/order, …/prod/GET/order/*, …/prod/GET/orders (Sid "InvokeApiMethods"); ' +
        '…/prod/GET/shop/0002, …/prod/GET/shop/0002/*, …/prod/POST/shop/0002/* (Sid "InvokeOwnShopMethods")',
    ]);
  });

  it('names the policy and statement behind an allowed call, the shop tag resolved', async () => {
    const owner = await platform.credentials({ email: testUsers.shop2Owner.email });
    decisions.length = 0;
    expect((await platform.call(owner, { path: '/prod/shop/0002/sales' })).status).toBe(200);
    const invoke = decisions.find((entry) => entry.action === 'execute-api:Invoke')!;
    expect(invoke.decision).toBe('Allow');
    expect(invoke.explanation).toContain('shop-platform-IdentityPool-ShopOwnerRole/invoke-shop-platform-api');
    expect(invoke.explanation).toContain('InvokeOwnShopMethods');
    // The handler's own calls are decided too, against its execution role.
    expect(decisions.map((entry) => entry.action)).toEqual(
      expect.arrayContaining(['cognito-idp:AdminGetUser', 'dynamodb:GetItem']),
    );
  });
});
