import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { itemKeys, platformStatsShards } from '../../platform/table';
import type { Table } from '../shared/table';

/** The platform's aggregate items: every counter shard and the shop count. */
export interface PlatformCounterItems {
  /** Shard number → its item, when it exists. */
  shards: Map<number, Record<string, unknown>>;
  shops?: Record<string, unknown>;
}

const shardNumbers = Array.from({ length: platformStatsShards }, (_, shard) => shard);
const maxBatchRounds = 8;

/** One BatchGetItem of the fixed set of platform aggregate items (strongly consistent), whatever the table holds. */
export async function readPlatformCounterItems(table: Table): Promise<PlatformCounterItems> {
  const found: Record<string, unknown>[] = [];
  let keys: Record<string, unknown>[] = [...shardNumbers.map((shard) => itemKeys.platformStatsShard(shard)), itemKeys.platformShops()];
  for (let round = 0; keys.length > 0; round++) {
    if (round === maxBatchRounds) throw new Error('The platform counters could not be read: keys stayed unprocessed');
    if (round > 0) await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** round));
    const answer = await table.documents.send(
      new BatchGetCommand({ RequestItems: { [table.name]: { Keys: keys, ConsistentRead: true } } }),
    );
    found.push(...(answer.Responses?.[table.name] ?? []));
    keys = answer.UnprocessedKeys?.[table.name]?.Keys ?? [];
  }
  const shards = new Map<number, Record<string, unknown>>();
  let shops: Record<string, unknown> | undefined;
  for (const item of found) {
    if (item.PK === itemKeys.platformShops().PK) shops = item;
    else {
      const shard = shardNumbers.find((candidate) => itemKeys.platformStatsShard(candidate).PK === item.PK);
      if (shard !== undefined) shards.set(shard, item);
    }
  }
  return { shards, shops };
}

/** Orders, distinct customers and shops, summed over the aggregate items. */
export function sumPlatformCounters(items: PlatformCounterItems): { shops: number; orders: number; customers: number } {
  let orders = 0;
  let customers = 0;
  for (const item of items.shards.values()) {
    orders += Number(item.orders ?? 0);
    customers += Number(item.customers ?? 0);
  }
  return { shops: Number(items.shops?.shops ?? 0), orders, customers };
}
