import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { serviceStats } from '../lambdas/domain/service-stats';
import { shopSales } from '../lambdas/domain/shop-sales';
import { openTable } from '../lambdas/shared/table';
import { orderItem, type OrderRecord } from '../platform/table';
import { testUsers } from '../platform/test-users';
import { rootCredentials, type OfflinePlatform } from '../test/support/offline-platform';
import type { AwsCredentials } from '../test/support/signed-fetch';
import { startBenchPlatform } from './support/bench-platform';
import { median } from './support/statistics';

/**
 * What a sales and a statistics call cost as the table grows: the read
 * capacity their reads consume (ReturnConsumedCapacity, on the same code the
 * handlers run) and their latency through the whole offline chain, at 100,
 * 1,000, 10,000 and 100,000 orders. Orders are written straight into the table
 * and counted by the reconcile step, as a table from before the aggregates
 * would be. The floor is a signed call that reads one item (GET /shop/{id}),
 * measured in the same run.
 *
 * Usage: npx tsx bench/aggregates.ts [levels=100,1000,10000,100000] [calls per level=30]
 */
const levels = (process.argv[2] ?? '100,1000,10000,100000').split(',').map(Number);
const callsPerLevel = Number(process.argv[3] ?? 30);
const guests = Array.from({ length: 2000 }, (_, index) => `v#bench-guest-${index}`);

async function latency(call: () => Promise<number>): Promise<number> {
  const timings: number[] = [];
  for (let index = 0; index < callsPerLevel; index++) {
    const started = process.hrtime.bigint();
    const status = await call();
    timings.push(Number(process.hrtime.bigint() - started) / 1e6);
    if (status !== 200) throw new Error(`A measured call answered ${status}`);
  }
  return median(timings);
}

/** The table as the handlers open it, with every read asked for its consumed capacity. */
function meteredTable(platform: OfflinePlatform) {
  const client = new DynamoDBClient({ endpoint: platform.endpoint, region: platform.settings.region, credentials: rootCredentials });
  const table = openTable(platform.runtime.outputs.tableName, client);
  let consumed = 0;
  table.client.middlewareStack.add(
    (next) => async (args) => {
      (args.input as { ReturnConsumedCapacity?: string }).ReturnConsumedCapacity = 'TOTAL';
      const result = await next(args);
      const output = result.output as { ConsumedCapacity?: { CapacityUnits?: number } | { CapacityUnits?: number }[] };
      const capacities = Array.isArray(output.ConsumedCapacity) ? output.ConsumedCapacity : output.ConsumedCapacity ? [output.ConsumedCapacity] : [];
      for (const capacity of capacities) consumed += capacity.CapacityUnits ?? 0;
      return result;
    },
    { step: 'initialize', name: 'meterCapacity' },
  );
  return {
    table,
    async unitsOf(read: () => Promise<unknown>): Promise<number> {
      consumed = 0;
      await read();
      return consumed;
    },
    close: () => client.destroy(),
  };
}

async function addOrders(documents: DynamoDBDocumentClient, tableName: string, from: number, to: number): Promise<void> {
  const orders: OrderRecord[] = [];
  for (let index = from; index < to; index++) {
    const shopId = index % 2 === 0 ? '0001' : '0002';
    orders.push({
      orderId: randomUUID(),
      shopId,
      customerId: guests[index % guests.length],
      date: new Date(Date.UTC(2026, 0, 1) + index * 1000).toISOString(),
      name: 'Bench',
      phoneNumber: '+41790000030',
      items: [{ productId: shopId === '0001' ? '0011' : '0021', name: 'Item', quantity: 1, price: 100 + (index % 7) }],
      amount: 100 + (index % 7),
      status: 'PLACED',
    });
  }
  const batches: Record<string, unknown>[][] = [];
  for (let start = 0; start < orders.length; start += 25) batches.push(orders.slice(start, start + 25).map(orderItem));
  for (let start = 0; start < batches.length; start += 8) {
    await Promise.all(
      batches.slice(start, start + 8).map(async (batch) => {
        let requests = batch.map((Item) => ({ PutRequest: { Item } }));
        while (requests.length > 0) {
          const answer = await documents.send(new BatchWriteCommand({ RequestItems: { [tableName]: requests } }));
          requests = (answer.UnprocessedItems?.[tableName] ?? []) as typeof requests;
        }
      }),
    );
  }
}

interface Row {
  orders: number;
  salesUnits: number;
  salesMs: number;
  statsUnits: number;
  statsMs: number;
  floorMs: number;
  reconcileSeconds: number;
}

async function main(): Promise<void> {
  const platform = await startBenchPlatform();
  const metered = meteredTable(platform);
  const documents = DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint: platform.endpoint, region: platform.settings.region, credentials: rootCredentials }),
  );
  try {
    const tableName = platform.runtime.outputs.tableName;
    const reconcileFunction = String(platform.runtime.outputs.stackOutputs.api.reconcile_aggregates_function);
    const owner: AwsCredentials = await platform.credentials({ email: testUsers.shop1Owner.email });
    const admin: AwsCredentials = await platform.credentials({ email: testUsers.admin.email });
    const call = (who: AwsCredentials, path: string) => async () => (await platform.call(who, { path })).status;
    // Warm every sandbox the measurement uses.
    for (const path of ['/prod/shop/0001', '/prod/shop/0001/sales']) await platform.call(owner, { path });
    await platform.call(admin, { path: '/prod/service-stats' });

    const rows: Row[] = [];
    let placed = 2; // the seed's
    for (const level of levels) {
      if (level > placed) await addOrders(documents, tableName, placed, level);
      placed = Math.max(placed, level);
      const started = process.hrtime.bigint();
      const reconciled = await platform.runtime.invoke(reconcileFunction, { mode: 'reconcile' });
      if (!reconciled.ok) throw new Error(`reconcile failed: ${reconciled.error.errorMessage}`);
      const reconcileSeconds = Number(process.hrtime.bigint() - started) / 1e9;
      const sales = await shopSales(metered.table, '0001');
      const stats = await serviceStats(metered.table);
      if (sales.orderCount + (await shopSales(metered.table, '0002')).orderCount !== placed) throw new Error('The aggregates do not count every order');
      if (Math.round(stats.averageNumberOfOrdersPerShop * 2) !== placed) throw new Error('The statistics do not count every order');
      rows.push({
        orders: placed,
        salesUnits: await metered.unitsOf(() => shopSales(metered.table, '0001')),
        statsUnits: await metered.unitsOf(() => serviceStats(metered.table)),
        salesMs: await latency(call(owner, '/prod/shop/0001/sales')),
        statsMs: await latency(call(admin, '/prod/service-stats')),
        floorMs: await latency(call(owner, '/prod/shop/0001')),
        reconcileSeconds,
      });
      const row = rows[rows.length - 1];
      console.log(
        `${String(row.orders).padStart(7)} orders  sales ${row.salesUnits} RCU ${row.salesMs.toFixed(1).padStart(6)} ms  ` +
          `stats ${row.statsUnits} RCU ${row.statsMs.toFixed(1).padStart(6)} ms  floor (GET /shop/0001) ${row.floorMs.toFixed(1).padStart(6)} ms  ` +
          `reconcile ${row.reconcileSeconds.toFixed(1)} s`,
      );
    }
    const [smallest, largest] = [rows[0], rows[rows.length - 1]];
    const ratio = (a: number, b: number) => (b === 0 ? Number.NaN : a / b);
    console.log(`\nLargest (${largest.orders}) / smallest (${smallest.orders}) orders:`);
    console.log(`  consumed read capacity   sales ${ratio(largest.salesUnits, smallest.salesUnits).toFixed(2)}  stats ${ratio(largest.statsUnits, smallest.statsUnits).toFixed(2)}  (target ≤ 1.20)`);
    console.log(
      `  latency, each over its floor   sales ${ratio(largest.salesMs / largest.floorMs, smallest.salesMs / smallest.floorMs).toFixed(2)}  ` +
        `stats ${ratio(largest.statsMs / largest.floorMs, smallest.statsMs / smallest.floorMs).toFixed(2)}`,
    );
    const flat = ratio(largest.salesUnits, smallest.salesUnits) <= 1.2 && ratio(largest.statsUnits, smallest.statsUnits) <= 1.2;
    console.log(flat ? 'Flat: the reads cost the same whatever the number of orders.' : 'NOT FLAT: read capacity grows with the orders.');
    if (!flat) process.exitCode = 1;
  } finally {
    documents.destroy();
    metered.close();
    await platform.close();
  }
}

void main();
