import { BatchGetCommand, paginateQuery } from '@aws-sdk/lib-dynamodb';
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

const maxKeysPerBatch = 100;
const maxBatchRounds = 8;

/**
 * A shop's item and the named products of the shop that exist, by product id,
 * read together in batches (the shop's item rides in the first).
 */
export async function readShopAndProducts(
  table: Table,
  shopId: string,
  productIds: readonly string[],
): Promise<{ shop: ShopRecord | undefined; products: Map<string, ProductRecord> }> {
  let shop: ShopRecord | undefined;
  const found = new Map<string, ProductRecord>();
  const wanted = [itemKeys.shop(shopId), ...[...new Set(productIds)].map((productId) => itemKeys.product(shopId, productId))];
  for (let start = 0; start < wanted.length; start += maxKeysPerBatch) {
    let keys: Record<string, unknown>[] = wanted.slice(start, start + maxKeysPerBatch);
    // DynamoDB may hand back part of a batch unprocessed under load; ask again for that part.
    for (let round = 0; keys.length > 0; round++) {
      if (round === maxBatchRounds) throw new Error('Products could not be read: keys stayed unprocessed');
      if (round > 0) await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** round));
      const output = await table.documents.send(
        new BatchGetCommand({ RequestItems: { [table.name]: { Keys: keys, ConsistentRead: true } } }),
      );
      for (const item of output.Responses?.[table.name] ?? []) {
        if (item[sortKey] === shopSortKey) {
          shop = toShopRecord(item);
          continue;
        }
        const product = toProduct(item);
        found.set(product.productId, product);
      }
      keys = output.UnprocessedKeys?.[table.name]?.Keys ?? [];
    }
  }
  return { shop, products: found };
}
