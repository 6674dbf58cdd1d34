import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { ScheduledEvent } from 'aws-lambda';
import type { ShopRecord } from '../../../platform/table';
import { bulkOrders, firstPageIsPartial, lambdaContext, orderItems, startOfTest, startPlatform, type TestPlatform } from '../harness';

let platform: TestPlatform;
let rotateAll: (event?: unknown, context?: ReturnType<typeof lambdaContext>) => Promise<{ rotated: number; recentlyRotated?: number; failed?: number }>;

const extraShops = Array.from({ length: 30 }, (_, index) => {
  const shopId = `s${String(index).padStart(3, '0')}`;
  return { PK: `SHOP#${shopId}`, SK: 'SHOP', entityType: 'shop', shopId, name: `Shop ${shopId}`, phoneNumber: '+41440000999', address: 'x' };
});

beforeAll(async () => {
  platform = await startPlatform({ env: { SHOP_TOKEN_GRACE_SECONDS: '30' } });
  const { rotateAllShopTokens } = await import('../../../lambdas/handlers/rotate-all-shop-tokens');
  rotateAll = rotateAllShopTokens(platform.source);
  await platform.putItems([...extraShops, ...orderItems(bulkOrders(650, { shopId: '0001', customerIds: ['v#a'], firstMs: startOfTest }))]);
});
afterAll(() => platform.stop());

/** How many shops the first page of a plain scan holds. */
async function shopsOnFirstScanPage(): Promise<number> {
  const page = await platform.documents.send(new ScanCommand({ TableName: platform.dynalite.tableName }));
  return (page.Items ?? []).filter((item) => item.entityType === 'shop').length;
}

const shops = async () => (await platform.scanAll()).filter((item) => item.entityType === 'shop') as unknown as ShopRecord[];

const scheduledEvent: ScheduledEvent = {
  version: '0',
  id: '53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa',
  'detail-type': 'Scheduled Event',
  source: 'aws.events',
  account: '123456789012',
  time: '2026-03-02T10:00:00Z',
  region: 'eu-central-1',
  resources: ['arn:aws:events:eu-central-1:123456789012:rule/shop-platform-rotate'],
  detail: {},
};

describe('rotate-all-shop-tokens', () => {
  it('gives every shop its first token when invoked with an empty event, across several scan pages', async () => {
    expect(await firstPageIsPartial(platform, { scan: true })).toBe(true);
    // The shops are spread over the pages, so the rotation has to follow them all.
    const onFirstPage = await shopsOnFirstScanPage();
    expect(onFirstPage).toBeGreaterThan(0);
    expect(onFirstPage).toBeLessThan(2 + extraShops.length);
    const summary = await rotateAll({}, lambdaContext('rotate-all-shop-tokens'));
    expect(summary).toEqual({ rotated: 2 + extraShops.length });
    const all = await shops();
    expect(all).toHaveLength(2 + extraShops.length);
    expect(all.every((shop) => /^[2-9A-HJ-NP-Z]{10}$/.test(shop.shopToken ?? ''))).toBe(true);
    expect(new Set(all.map((shop) => shop.shopToken)).size).toBe(all.length);
  });

  it('rotates every shop on the schedule, keeping each previous token for the grace window', async () => {
    const before = new Map((await shops()).map((shop) => [shop.shopId, shop.shopToken]));
    platform.clock.advance(3_600_000);
    expect(await rotateAll(scheduledEvent, lambdaContext('rotate-all-shop-tokens'))).toEqual({ rotated: before.size });
    for (const shop of await shops()) {
      expect(shop.previousShopToken).toBe(before.get(shop.shopId));
      expect(shop.shopToken).not.toBe(shop.previousShopToken);
      expect(shop.previousShopTokenValidUntil).toBe(platform.clock.now + 30_000);
      expect(shop.shopTokenRotatedAt).toBe(new Date(platform.clock.now).toISOString());
    }
  });

  it('leaves shops whose previous token is still in its grace window (a retried run), counting them as recently rotated', async () => {
    const before = await shops();
    platform.clock.advance(29_999);
    expect(await rotateAll(scheduledEvent, lambdaContext('rotate-all-shop-tokens'))).toEqual({ rotated: 0, recentlyRotated: before.length });
    expect(await shops()).toEqual(before);
  });

  it('works without any event or context at all', async () => {
    platform.clock.advance(1);
    expect(await rotateAll()).toEqual({ rotated: 2 + extraShops.length });
  });
});
