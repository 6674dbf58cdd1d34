import { itemKeys, platformStatsShards } from '../../platform/table';
import { batchGetItems } from '../shared/batch-get';
import type { Table } from '../shared/table';

/** The platform's aggregate items: every counter shard and the shop count. */
export interface PlatformCounterItems {
  /** Shard number → its item, when it exists. */
  shards: Map<number, Record<string, unknown>>;
  shops?: Record<string, unknown>;
}

const shardNumbers = Array.from({ length: platformStatsShards }, (_, shard) => shard);

/** One BatchGetItem of the fixed set of platform aggregate items (strongly consistent), whatever the table holds. */
export async function readPlatformCounterItems(table: Table): Promise<PlatformCounterItems> {
  const keys = [...shardNumbers.map((shard) => itemKeys.platformStatsShard(shard)), itemKeys.platformShops()];
  const found = await batchGetItems(table, keys, 'The platform counters');
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
