import { paginateScan } from '@aws-sdk/lib-dynamodb';
import type { Table } from '../shared/table';

export interface ServiceStats {
  totalNumberOfShops: number;
  averageNumberOfOrdersPerShop: number;
  totalNumberOfCustomers: number;
  averageNumberOfOrdersPerCustomer: number;
}

export interface PlatformCounts {
  shops: number;
  orders: number;
  /** Distinct customers with at least one order. */
  customers: number;
}

export function statsFromCounts({ shops, orders, customers }: PlatformCounts): ServiceStats {
  return {
    totalNumberOfShops: shops,
    averageNumberOfOrdersPerShop: shops === 0 ? 0 : orders / shops,
    totalNumberOfCustomers: customers,
    averageNumberOfOrdersPerCustomer: customers === 0 ? 0 : orders / customers,
  };
}

/** Exact counts over the whole table: the scan runs page by page to its end. */
export async function countPlatform(table: Table): Promise<PlatformCounts> {
  const pages = paginateScan(
    { client: table.documents },
    {
      TableName: table.name,
      FilterExpression: 'entityType IN (:shop, :order)',
      ProjectionExpression: 'entityType, customerId',
      ExpressionAttributeValues: { ':shop': 'shop', ':order': 'order' },
    },
  );
  let shops = 0;
  let orders = 0;
  const customers = new Set<string>();
  for await (const page of pages) {
    for (const item of page.Items ?? []) {
      if (item.entityType === 'shop') shops += 1;
      if (item.entityType === 'order') {
        orders += 1;
        customers.add(String(item.customerId));
      }
    }
  }
  return { shops, orders, customers: customers.size };
}

export async function serviceStats(table: Table): Promise<ServiceStats> {
  return statsFromCounts(await countPlatform(table));
}
