import { testUsers } from '../platform/test-users';
import { startBenchPlatform } from './support/bench-platform';

/**
 * A burst of first calls on a cold platform: N signed calls at once across seven
 * routes, each function starting its sandboxes as it goes, then the same burst
 * again on the now warm platform (the floor, in the same run). Every call must
 * answer 200: a cold start is slow, never a 502.
 * Usage: npx tsx bench/cold-burst.ts [calls=56]
 */
const calls = Number(process.argv[2] ?? 56);

async function main(): Promise<void> {
  const platform = await startBenchPlatform();
  try {
    const [guest, owner, admin, customer] = await Promise.all([
      platform.credentials({ guest: true }),
      platform.credentials({ email: testUsers.shop1Owner.email }),
      platform.credentials({ email: testUsers.admin.email }),
      platform.credentials({ email: testUsers.registeredCustomer1.email }),
    ]);
    const token = await platform.shopToken('0001');
    const routes = [
      () => platform.call(guest, { path: `/prod/products?shopId=0001&shopToken=${token}` }),
      () => platform.call(customer, { path: '/prod/orders' }),
      () => platform.call(owner, { path: '/prod/shop/0001' }),
      () => platform.call(owner, { path: '/prod/shop/0001/orders' }),
      () => platform.call(owner, { path: '/prod/shop/0001/sales' }),
      () => platform.call(admin, { path: '/prod/service-stats' }),
      () => platform.call(customer, { path: '/prod/order/6b0628ae-6062-4368-84f9-0d43b6a7d9d3' }),
    ];
    const burst = async (label: string) => {
      const begin = Date.now();
      const answers = await Promise.all(Array.from({ length: calls }, (_, index) => routes[index % routes.length]()));
      const statuses = new Map<number, number>();
      for (const answer of answers) statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
      const ms = Date.now() - begin;
      console.log(`  ${label.padEnd(22)} ${String(ms).padStart(6)} ms   ${[...statuses].map(([status, count]) => `${count} × ${status}`).join(', ')}`);
      return ms;
    };
    console.log(`Cold burst: ${calls} first calls at once over ${routes.length} routes`);
    const cold = await burst('cold platform');
    const warm = await burst('warm platform (floor)');
    console.log(`  cold / warm: ${(cold / warm).toFixed(1)}×`);
  } finally {
    await platform.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
