import { testUsers } from '../platform/test-users';
import { startBenchPlatform } from './support/bench-platform';

/**
 * Latency and throughput of signed calls through the whole offline chain (SigV4
 * verification, IAM evaluation, request validation, the Lambda in its sandbox,
 * DynamoDB). Usage: npx tsx bench/requests.ts [requests=400] [concurrency=8]
 */
const total = Number(process.argv[2] ?? 400);
const concurrency = Number(process.argv[3] ?? 8);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function measure(label: string, send: () => Promise<number>): Promise<void> {
  const latencies: number[] = [];
  let statusesOk = 0;
  const started = process.hrtime.bigint();
  let issued = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (issued < total) {
        issued += 1;
        const begin = process.hrtime.bigint();
        const status = await send();
        latencies.push(Number(process.hrtime.bigint() - begin) / 1e6);
        if (status < 300) statusesOk += 1;
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const sorted = latencies.sort((a, b) => a - b);
  console.log(
    `  ${label.padEnd(28)} ${String(latencies.length).padStart(5)} calls  ${(latencies.length / seconds).toFixed(0).padStart(5)}/s  ` +
      `p50 ${percentile(sorted, 50).toFixed(1)} ms  p95 ${percentile(sorted, 95).toFixed(1)} ms  p99 ${percentile(sorted, 99).toFixed(1)} ms  ` +
      `${statusesOk}/${latencies.length} 2xx`,
  );
}

async function main(): Promise<void> {
  const platform = await startBenchPlatform();
  try {
    const customer = await platform.credentials({ email: testUsers.registeredCustomer1.email });
    const owner = await platform.credentials({ email: testUsers.shop1Owner.email });
    const token = await platform.shopToken('0001');
    console.log(`Signed calls through the offline platform, concurrency ${concurrency}`);
    // The first calls cold-start the sandboxes; warm them before measuring.
    await platform.call(customer, { path: `/prod/products?shopId=0001&shopToken=${token}` });
    await measure('GET /products', async () => (await platform.call(customer, { path: `/prod/products?shopId=0001&shopToken=${token}` })).status);
    const body = JSON.stringify({ shopId: '0001', phoneNumber: '+41790000030', name: 'Bench', items: [{ productId: '0011', quantity: 2 }] });
    await measure('POST /order', async () => (await platform.call(customer, { method: 'POST', path: `/prod/order?shopToken=${token}`, body })).status);
    await measure('GET /shop/0001/orders', async () => (await platform.call(owner, { path: '/prod/shop/0001/orders?limit=20' })).status);
    await measure('GET /shop/0001/sales', async () => (await platform.call(owner, { path: '/prod/shop/0001/sales' })).status);
    await measure('unsigned (refused at once)', async () => (await fetch(`${platform.endpoint}/prod/orders`)).status);
  } finally {
    await platform.close();
  }
}

void main();
