import { BatchGetCommand, paginateQuery } from '@aws-sdk/lib-dynamodb';
import { itemKeys, type ProductRecord } from '../../platform/table';
import type { Table } from '../shared/table';

/** A shop's catalogue. */
export async function listShopProducts(table: Table, shopId: string): Promise<ProductRecord[]> {
  const products: ProductRecord[] = [];
  const pages = paginateQuery(
    { client: table.documents },
    {
      TableName: table.name,
      KeyConditionExpression: 'PK = :shop AND begins_with(SK, :product)',
      ExpressionAttributeValues: { ':shop': itemKeys.shopPartition(shopId), ':product': itemKeys.productSortKeyPrefix },
    },
  );
  for await (const page of pages) {
    for (const item of page.Items ?? []) products.push(toProduct(item));
  }
  return products;
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

/** The named products of one shop that exist, by product id. */
export async function findProducts(
  table: Table,
  shopId: string,
  productIds: readonly string[],
): Promise<Map<string, ProductRecord>> {
  const found = new Map<string, ProductRecord>();
  const unique = [...new Set(productIds)];
  for (let start = 0; start < unique.length; start += maxKeysPerBatch) {
    let keys: Record<string, unknown>[] = unique
      .slice(start, start + maxKeysPerBatch)
      .map((productId) => itemKeys.product(shopId, productId));
    // DynamoDB may hand back part of a batch unprocessed under load; ask again for that part.
    for (let round = 0; keys.length > 0; round++) {
      if (round === maxBatchRounds) throw new Error('Products could not be read: keys stayed unprocessed');
      if (round > 0) await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** round));
      const output = await table.documents.send(
        new BatchGetCommand({ RequestItems: { [table.name]: { Keys: keys, ConsistentRead: true } } }),
      );
      for (const item of output.Responses?.[table.name] ?? []) {
        const product = toProduct(item);
        found.set(product.productId, product);
      }
      keys = output.UnprocessedKeys?.[table.name]?.Keys ?? [];
    }
  }
  return found;
}
