import { marshall, unmarshall, type NativeAttributeValue } from '@aws-sdk/util-dynamodb';
import { seedItems } from '../platform/seed';
import { createTableRequest } from '../platform/table';
import type { TestUserKey } from '../platform/test-users';
import { DynamoDbError, type LocalDynamoDb } from './dynamodb/local-dynamodb';

/**
 * Creates the table from the shared schema and, only when it is new, loads the
 * seed catalogue: like the data stack, a restart never reverts what the
 * platform changed since (rotated tokens, new orders).
 */
export async function preparePlatformData(
  dynamoDb: LocalDynamoDb,
  tableName: string,
  subOf: (user: TestUserKey) => string | undefined,
): Promise<{ created: boolean }> {
  try {
    await dynamoDb.call('CreateTable', createTableRequest(tableName));
  } catch (error) {
    if (error instanceof DynamoDbError && error.type === 'ResourceInUseException') return { created: false };
    throw error;
  }
  for (const { item } of seedItems(subOf)) {
    await dynamoDb.call('PutItem', { TableName: tableName, Item: marshall(item) });
  }
  return { created: true };
}

/** Every shop's id and current token, for the start-up banner. */
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
      const shop = unmarshall(item) as Record<string, NativeAttributeValue>;
      shops.push({ shopId: String(shop.shopId), ...(shop.shopToken ? { shopToken: String(shop.shopToken) } : {}) });
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return shops.sort((a, b) => a.shopId.localeCompare(b.shopId));
}
