import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { PutCommand, TransactWriteCommand, UpdateCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { itemIsNew, itemKeys, platformStatsShards } from '../../platform/table';
import { batchGetItems } from '../shared/batch-get';
import type { Table } from '../shared/table';
import { recountFromOrders, type Recount } from './aggregate-recount';
import { readPlatformCounterItems, sumPlatformCounters, type PlatformCounterItems } from './platform-counters';

/**
 * Brings the aggregate items in line with the orders (`reconcile`), or only
 * reports how they differ (`verify`). Both are safe while orders keep coming:
 *
 * The aggregates are read, then the orders recounted, strongly consistent. An
 * order placed after the aggregates were read changes them in its own
 * transaction; so a correction is written on the condition that the aggregate
 * is still what was read, and then the recount is exactly what it should hold.
 * If an order slipped in, the condition fails and the next round starts over.
 * `verify` reads the aggregates again after the recount and only reports a
 * round in which they did not move.
 *
 * The first round also discovers the shops; their sales items are read from
 * the second round on, so a table costs at least two scans.
 */
export type ReconciliationMode = 'reconcile' | 'verify';

export interface AggregateDifference {
  /** `shop <id>` or `platform`. */
  aggregate: string;
  field: 'orderCount' | 'totalAmount' | 'orders' | 'customers' | 'shops';
  /** What the recount says. */
  expected: number;
  /** What the aggregate item holds. */
  found: number;
}

export interface ReconciliationReport {
  mode: ReconciliationMode;
  /** The recount. */
  shops: number;
  orders: number;
  customers: number;
  /** `true` when the aggregates matched the recount (before any correction). */
  consistent: boolean;
  /** Up to `listedDifferences` of them; `differenceCount` has the total. */
  differences: AggregateDifference[];
  differenceCount: number;
  /** Customers with orders but no marker (their next order would count them again). */
  missingCustomerMarkers: number;
  /** reconcile: aggregate items corrected and markers written. */
  corrected?: number;
  markersWritten?: number;
  rounds: number;
}

const maxRounds = 6;
const listedDifferences = 50;

interface Aggregates {
  sales: Map<string, Record<string, unknown>>;
  platform: PlatformCounterItems;
}

async function readShopSalesItems(table: Table, shopIds: readonly string[]): Promise<Map<string, Record<string, unknown>>> {
  const items = await batchGetItems(table, shopIds.map((shopId) => itemKeys.shopSales(shopId)), 'Shop sales items');
  return new Map(items.map((item) => [String(item.shopId), item]));
}

async function readAggregates(table: Table, shopIds: readonly string[]): Promise<Aggregates> {
  const [sales, platform] = await Promise.all([readShopSalesItems(table, shopIds), readPlatformCounterItems(table)]);
  return { sales, platform };
}

const salesOf = (item: Record<string, unknown> | undefined) => ({
  orderCount: Number(item?.orderCount ?? 0),
  totalAmount: Number(item?.totalAmount ?? 0),
});

/** Every shop the recount or the aggregates mention. */
function shopsIn(recount: Recount): Set<string> {
  return new Set([...recount.shops, ...recount.sales.keys(), ...recount.shopsWithSalesItem]);
}

function differencesBetween(recount: Recount, aggregates: Aggregates, shopIds: readonly string[]): AggregateDifference[] {
  const differences: AggregateDifference[] = [];
  const compare = (aggregate: string, field: AggregateDifference['field'], expected: number, found: number) => {
    if (expected !== found) differences.push({ aggregate, field, expected, found });
  };
  const platform = sumPlatformCounters(aggregates.platform);
  compare('platform', 'shops', recount.shops.size, platform.shops);
  compare('platform', 'orders', recount.orders, platform.orders);
  compare('platform', 'customers', recount.customers.size, platform.customers);
  for (const shopId of [...shopIds].sort()) {
    const expected = recount.sales.get(shopId) ?? { orderCount: 0, totalAmount: 0 };
    const found = salesOf(aggregates.sales.get(shopId));
    compare(`shop ${shopId}`, 'orderCount', expected.orderCount, found.orderCount);
    compare(`shop ${shopId}`, 'totalAmount', expected.totalAmount, found.totalAmount);
  }
  return differences;
}

/** Whether the aggregate items hold the same values (an order changes at least one). */
function sameAggregates(a: Aggregates, b: Aggregates): boolean {
  const salesEqual = [...new Set([...a.sales.keys(), ...b.sales.keys()])].every((shopId) => {
    const [x, y] = [salesOf(a.sales.get(shopId)), salesOf(b.sales.get(shopId))];
    return x.orderCount === y.orderCount && x.totalAmount === y.totalAmount;
  });
  const shards = Array.from({ length: platformStatsShards }, (_, shard) => shard);
  const shardsEqual = shards.every((shard) => {
    const [x, y] = [a.platform.shards.get(shard), b.platform.shards.get(shard)];
    return Number(x?.orders ?? 0) === Number(y?.orders ?? 0) && Number(x?.customers ?? 0) === Number(y?.customers ?? 0);
  });
  return salesEqual && shardsEqual && Number(a.platform.shops?.shops ?? 0) === Number(b.platform.shops?.shops ?? 0);
}

/** "Still as read": equal values, or still absent. */
function unchangedSince(item: Record<string, unknown> | undefined, fields: readonly string[]) {
  if (!item) return { ConditionExpression: itemIsNew, values: {} };
  const values: Record<string, unknown> = {};
  const clauses = fields.map((field, index) => {
    values[`:was${index}`] = item[field] ?? 0;
    return `${field} = :was${index}`;
  });
  return { ConditionExpression: clauses.join(' AND '), values };
}

const conditionFailed = (error: unknown) =>
  error instanceof ConditionalCheckFailedException || error instanceof TransactionCanceledException;

async function correctShopSales(table: Table, shopId: string, recount: Recount, item: Record<string, unknown> | undefined): Promise<boolean> {
  const expected = recount.sales.get(shopId) ?? { orderCount: 0, totalAmount: 0 };
  const condition = unchangedSince(item, ['orderCount', 'totalAmount']);
  try {
    await table.documents.send(
      new UpdateCommand({
        TableName: table.name,
        Key: itemKeys.shopSales(shopId),
        UpdateExpression: 'SET orderCount = :count, totalAmount = :total, shopId = :shopId, entityType = :type',
        ConditionExpression: condition.ConditionExpression,
        ExpressionAttributeValues: { ...condition.values, ':count': expected.orderCount, ':total': expected.totalAmount, ':shopId': shopId, ':type': 'shopSales' },
      }),
    );
    return true;
  } catch (error) {
    if (conditionFailed(error)) return false;
    throw error;
  }
}

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** All shards at once: the whole count goes to shard 0, the others to zero, if none moved since they were read. */
async function correctPlatformCounters(table: Table, recount: Recount, platform: PlatformCounterItems): Promise<boolean> {
  const items: TransactItem[] = Array.from({ length: platformStatsShards }, (_, shard) => {
    const condition = unchangedSince(platform.shards.get(shard), ['orders', 'customers']);
    return {
      Update: {
        TableName: table.name,
        Key: itemKeys.platformStatsShard(shard),
        UpdateExpression: 'SET orders = :orders, customers = :customers, entityType = :type',
        ConditionExpression: condition.ConditionExpression,
        ExpressionAttributeValues: {
          ...condition.values,
          ':orders': shard === 0 ? recount.orders : 0,
          ':customers': shard === 0 ? recount.customers.size : 0,
          ':type': 'platformStats',
        },
      },
    };
  });
  try {
    await table.documents.send(new TransactWriteCommand({ TransactItems: items }));
    return true;
  } catch (error) {
    if (conditionFailed(error)) return false;
    throw error;
  }
}

async function correctShopCount(table: Table, recount: Recount, item: Record<string, unknown> | undefined): Promise<boolean> {
  const condition = unchangedSince(item, ['shops']);
  try {
    await table.documents.send(
      new UpdateCommand({
        TableName: table.name,
        Key: itemKeys.platformShops(),
        UpdateExpression: 'SET shops = :shops, entityType = :type',
        ConditionExpression: condition.ConditionExpression,
        ExpressionAttributeValues: { ...condition.values, ':shops': recount.shops.size, ':type': 'platformShops' },
      }),
    );
    return true;
  } catch (error) {
    if (conditionFailed(error)) return false;
    throw error;
  }
}

const parallelMarkerWrites = 16;

/** Markers for customers with orders but none; an existing marker is left alone. Returns how many were written. */
async function writeMissingMarkers(table: Table, recount: Recount): Promise<number> {
  const missing = [...recount.customers].filter((customerId) => !recount.markedCustomers.has(customerId));
  let written = 0;
  const writeOne = async (customerId: string) => {
    try {
      await table.documents.send(
        new PutCommand({
          TableName: table.name,
          Item: { ...itemKeys.customer(customerId), entityType: 'customer', customerId },
          ConditionExpression: itemIsNew,
        }),
      );
      written += 1;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  };
  for (let start = 0; start < missing.length; start += parallelMarkerWrites) {
    await Promise.all(missing.slice(start, start + parallelMarkerWrites).map(writeOne));
  }
  return written;
}

function report(mode: ReconciliationMode, recount: Recount, differences: AggregateDifference[], rounds: number) {
  const missingCustomerMarkers = [...recount.customers].filter((customerId) => !recount.markedCustomers.has(customerId)).length;
  return {
    mode,
    shops: recount.shops.size,
    orders: recount.orders,
    customers: recount.customers.size,
    consistent: differences.length === 0 && missingCustomerMarkers === 0,
    differences: differences.slice(0, listedDifferences),
    differenceCount: differences.length,
    missingCustomerMarkers,
    rounds,
  };
}

export async function verifyAggregates(table: Table): Promise<ReconciliationReport> {
  let shopIds: string[] = [];
  for (let round = 1; round <= maxRounds; round++) {
    const before = await readAggregates(table, shopIds);
    const recount = await recountFromOrders(table);
    const after = await readAggregates(table, shopIds);
    const seen = shopsIn(recount);
    const complete = [...seen].every((shopId) => shopIds.includes(shopId));
    if (complete && sameAggregates(before, after)) return report('verify', recount, differencesBetween(recount, before, shopIds), round);
    shopIds = [...new Set([...shopIds, ...seen])];
  }
  throw new Error(`The aggregates kept changing during ${maxRounds} recounts; verify again when fewer orders are being placed`);
}

export async function reconcileAggregates(table: Table): Promise<ReconciliationReport> {
  let shopIds: string[] = [];
  let corrected = 0;
  let markersWritten = 0;
  // Every difference found, as first found (before it was corrected).
  const found = new Map<string, AggregateDifference>();
  for (let round = 1; round <= maxRounds; round++) {
    const before = await readAggregates(table, shopIds);
    const recount = await recountFromOrders(table);
    const differences = differencesBetween(recount, before, shopIds);
    for (const difference of differences) {
      const key = `${difference.aggregate}.${difference.field}`;
      if (!found.has(key)) found.set(key, difference);
    }
    markersWritten += await writeMissingMarkers(table, recount);

    let settled = true;
    const differing = new Set(differences.map((difference) => difference.aggregate));
    for (const shopId of shopIds) {
      if (!differing.has(`shop ${shopId}`)) continue;
      if (await correctShopSales(table, shopId, recount, before.sales.get(shopId))) corrected += 1;
      else settled = false;
    }
    const platformFields = new Set(differences.filter((difference) => difference.aggregate === 'platform').map((difference) => difference.field));
    if (platformFields.has('orders') || platformFields.has('customers')) {
      if (await correctPlatformCounters(table, recount, before.platform)) corrected += 1;
      else settled = false;
    }
    if (platformFields.has('shops')) {
      if (await correctShopCount(table, recount, before.platform.shops)) corrected += 1;
      else settled = false;
    }
    const seen = shopsIn(recount);
    if (settled && [...seen].every((shopId) => shopIds.includes(shopId))) {
      const all = [...found.values()];
      return {
        ...report('reconcile', recount, all, round),
        consistent: all.length === 0 && markersWritten === 0,
        missingCustomerMarkers: 0,
        corrected,
        markersWritten,
      };
    }
    shopIds = [...new Set([...shopIds, ...seen])];
  }
  throw new Error(`The aggregates kept changing during ${maxRounds} rounds; reconcile again when fewer orders are being placed`);
}
