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
  it('explains a denial: who, what, on which resource, and that no statement allowed it', async () => {
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
        explanation: expect.stringContaining('no statement matched'),
      },
    ]);
    expect(decisions[0].explanation).toContain(methodArn);
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
