import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { itemKeys, type ShopSalesRecord } from '../../platform/table';
import type { Table } from '../shared/table';

export type ShopSales = ShopSalesRecord;

/**
 * The shop's totals, from its aggregate item: one read whatever the number of
 * orders. Every order adds to the item in the transaction that writes it, so
 * it is exact; a shop without orders has no item yet and sells nothing.
 */
export async function shopSales(table: Table, shopId: string): Promise<ShopSales> {
  const { Item } = await table.documents.send(
    new GetCommand({ TableName: table.name, Key: itemKeys.shopSales(shopId), ConsistentRead: true }),
  );
  return { shopId, totalAmount: Number(Item?.totalAmount ?? 0), orderCount: Number(Item?.orderCount ?? 0) };
}
