import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { LocalDynamoDb } from './dynamodb/local-dynamodb';

/**
 * Every shop's id and current token, for the start-up banner and outputs.json:
 * what a shop shows at its till, read straight from the table.
 */
export async function readShopTokens(
  dynamoDb: LocalDynamoDb,
  tableName: string,
): Promise<Array<{ shopId: string; shopToken?: string }>> {
  const shops: Array<{ shopId: string; shopToken?: string }> = [];
  let startKey: unknown;
  do {
    const page: { Items?: Array<Record<string, never>>; LastEvaluatedKey?: unknown } = await dynamoDb.call('Scan', {
      TableName: tableName,
      FilterExpression: 'entityType = :shop',
      ExpressionAttributeValues: { ':shop': { S: 'shop' } },
      ProjectionExpression: 'shopId, shopToken',
      ...(startKey ? { ExclusiveStartKey: startKey } : {}),
    });
    for (const item of page.Items ?? []) {
      const shop = unmarshall(item);
      shops.push({ shopId: String(shop.shopId), ...(shop.shopToken ? { shopToken: String(shop.shopToken) } : {}) });
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return shops.sort((a, b) => a.shopId.localeCompare(b.shopId));
}
