import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { ShopRecord } from '../../../platform/table';
import { startPlatform, type TestPlatform } from '../harness';

let platform: TestPlatform;
let rotateShopToken: typeof import('../../../lambdas/domain/shop-token-rotation').rotateShopToken;

beforeAll(async () => {
  platform = await startPlatform();
  ({ rotateShopToken } = await import('../../../lambdas/domain/shop-token-rotation'));
});
afterAll(() => platform.stop());

const stored = async (shopId: string) =>
  (await platform.documents.send(new GetCommand({ TableName: platform.dynalite.tableName, Key: { PK: `SHOP#${shopId}`, SK: 'SHOP' } }))).Item as
    | ShopRecord
    | undefined;

describe('rotateShopToken', () => {
  it('issues a first token without a grace token, then demotes the current one on each rotation', async () => {
    const first = await rotateShopToken(platform.deps.table, '0001', { nowMs: 1_000, graceMs: 500 }, 'AAAAAAAAAA');
    expect(first).toEqual({ outcome: 'rotated', shopToken: 'AAAAAAAAAA' });
    expect(await stored('0001')).toMatchObject({ shopToken: 'AAAAAAAAAA', shopTokenRotatedAt: new Date(1_000).toISOString() });
    expect(await stored('0001')).not.toHaveProperty('previousShopToken');

    await rotateShopToken(platform.deps.table, '0001', { nowMs: 2_000, graceMs: 500 }, 'BBBBBBBBBB');
    expect(await stored('0001')).toMatchObject({
      shopToken: 'BBBBBBBBBB',
      previousShopToken: 'AAAAAAAAAA',
      previousShopTokenValidUntil: 2_500,
      shopTokenRotatedAt: new Date(2_000).toISOString(),
    });
  });

  it('leaves the rest of the shop alone', async () => {
    const before = await stored('0002');
    await rotateShopToken(platform.deps.table, '0002', { nowMs: 3_000, graceMs: 500 });
    const after = await stored('0002');
    expect({ ...after, shopToken: undefined, shopTokenRotatedAt: undefined }).toEqual({ ...before, shopToken: undefined, shopTokenRotatedAt: undefined });
  });

  it('answers not-found for a shop that does not exist, and creates nothing', async () => {
    const before = await platform.scanAll();
    expect(await rotateShopToken(platform.deps.table, '0404', { nowMs: 4_000, graceMs: 500 })).toEqual({ outcome: 'not-found' });
    expect(await platform.scanAll()).toEqual(before);
  });

  it('does not rotate while the previous token is in its grace window: too soon, nothing written', async () => {
    // 0001: BBBBBBBBBB current since 2,000, AAAAAAAAAA valid until 2,500.
    const before = await stored('0001');
    expect(await rotateShopToken(platform.deps.table, '0001', { nowMs: 2_499, graceMs: 500 }, 'CCCCCCCCCC')).toEqual({
      outcome: 'too-soon',
      previousValidUntilMs: 2_500,
    });
    expect(await stored('0001')).toEqual(before);
    expect(await rotateShopToken(platform.deps.table, '0001', { nowMs: 2_500, graceMs: 500 }, 'CCCCCCCCCC')).toEqual({
      outcome: 'rotated',
      shopToken: 'CCCCCCCCCC',
    });
    expect(await stored('0001')).toMatchObject({ shopToken: 'CCCCCCCCCC', previousShopToken: 'BBBBBBBBBB', previousShopTokenValidUntil: 3_000 });
  });

  it('ten rotations at once: one rotates, nine are too soon, and the token shown before keeps its whole grace', async () => {
    const shown = (await stored('0002'))!.shopToken!;
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, index) => rotateShopToken(platform.deps.table, '0002', { nowMs: 10_000, graceMs: 500 }, `DDDDDDDDD${index}`)),
    );
    const rotated = results.filter((result) => result.outcome === 'rotated');
    expect(rotated).toHaveLength(1);
    expect(results.filter((result) => result.outcome !== 'rotated')).toEqual(Array(9).fill({ outcome: 'too-soon', previousValidUntilMs: 10_500 }));
    expect(await stored('0002')).toMatchObject({
      shopToken: (rotated[0] as { shopToken: string }).shopToken,
      previousShopToken: shown,
      previousShopTokenValidUntil: 10_500,
    });
  });
});
