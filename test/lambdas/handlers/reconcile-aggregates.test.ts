import { startPlatform, type TestPlatform } from '../harness';

let platform: TestPlatform;
let reconcileAggregatesHandler: typeof import('../../../lambdas/handlers/reconcile-aggregates').reconcileAggregatesHandler;

beforeAll(async () => {
  platform = await startPlatform();
  ({ reconcileAggregatesHandler } = await import('../../../lambdas/handlers/reconcile-aggregates'));
});
afterAll(() => platform.stop());

describe('reconcile-aggregates', () => {
  it('verifies the seeded table, which the seeding reconcile left consistent', async () => {
    const report = await reconcileAggregatesHandler(platform.source)({ mode: 'verify' });
    expect(report).toMatchObject({ mode: 'verify', consistent: true, shops: 2, orders: 2, customers: 1, differences: [] });
  });

  it('reconciles when asked to', async () => {
    expect(await reconcileAggregatesHandler(platform.source)({ mode: 'reconcile' })).toMatchObject({ mode: 'reconcile', consistent: true, corrected: 0 });
  });

  it.each([[undefined], [{}], [{ mode: 'repair' }], ['reconcile']])('fails with the expected events named for %j, changing nothing', async (event) => {
    const before = await platform.scanAll();
    await expect(reconcileAggregatesHandler(platform.source)(event)).rejects.toThrow(
      /The event must be \{"mode":"reconcile"\} or \{"mode":"verify"\}; got /,
    );
    expect(await platform.scanAll()).toEqual(before);
  });
});
