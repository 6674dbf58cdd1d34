import { paginateQuery } from '@aws-sdk/lib-dynamodb';
import { itemKeys, ordersTable } from '../../platform/table';
import type { Table } from '../shared/table';

export interface ShopSales {
  shopId: string;
  totalAmount: number;
  orderCount: number;
}

/** Totals over every order of the shop: the index is read page by page to its end, not just its first 1 MB. */
export async function shopSales(table: Table, shopId: string): Promise<ShopSales> {
  const index = ordersTable.indexes.shopOrders;
  const pages = paginateQuery(
    { client: table.documents },
    {
      TableName: table.name,
      IndexName: index.name,
      KeyConditionExpression: '#partition = :partition',
      ProjectionExpression: '#amount',
      ExpressionAttributeNames: { '#partition': index.partitionKey, '#amount': 'amount' },
      ExpressionAttributeValues: { ':partition': itemKeys.shopOrdersPartition(shopId) },
    },
  );
  let totalAmount = 0;
  let orderCount = 0;
  for await (const page of pages) {
    for (const item of page.Items ?? []) {
      totalAmount += Number(item.amount);
      orderCount += 1;
    }
  }
  return { shopId, totalAmount, orderCount };
}
