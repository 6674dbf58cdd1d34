import { paginateQuery } from '@aws-sdk/lib-dynamodb';
import { itemKeys, ordersTable, type ProductRecord, type ShopRecord } from '../../platform/table';
import type { Table } from '../shared/table';
import { toShopRecord } from './shops';

const { sortKey } = ordersTable;
const { shopSortKey } = itemKeys;

/**
 * A shop's item and its catalogue, which share the shop's partition: one
 * strongly consistent query (the shop's token is checked against what it
 * returns), in place of a read of the shop and then a query of its products.
 */
export async function readShopCatalogue(table: Table, shopId: string): Promise<{ shop: ShopRecord | undefined; products: ProductRecord[] }> {
  let shop: ShopRecord | undefined;
  const products: ProductRecord[] = [];
  const pages = paginateQuery(
    { client: table.documents },
    {
      TableName: table.name,
      KeyConditionExpression: 'PK = :shop',
      ExpressionAttributeValues: { ':shop': itemKeys.shopPartition(shopId) },
      ConsistentRead: true,
    },
  );
  for await (const page of pages) {
    for (const item of page.Items ?? []) {
      const itemSortKey = String(item[sortKey]);
      if (itemSortKey === shopSortKey) shop = toShopRecord(item);
      else if (itemSortKey.startsWith(itemKeys.productSortKeyPrefix)) products.push(toProduct(item));
    }
  }
  return { shop, products };
}

export function toProduct(item: Record<string, unknown>): ProductRecord {
  return {
    shopId: String(item.shopId),
    productId: String(item.productId),
    name: String(item.name),
    description: String(item.description),
    price: Number(item.price),
  };
}
