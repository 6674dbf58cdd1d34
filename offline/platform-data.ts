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
  await waitUntilActive(dynamoDb, tableName);
  for (const { item } of seedItems(subOf)) {
    await dynamoDb.call('PutItem', { TableName: tableName, Item: marshall(item) });
  }
  return { created: true };
}

/** A new table takes writes only once ACTIVE, as on AWS (dynalite flips it on a timer). */
async function waitUntilActive(dynamoDb: LocalDynamoDb, tableName: string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const { Table } = await dynamoDb.call<{ Table?: { TableStatus?: string } }>('DescribeTable', { TableName: tableName });
    if (Table?.TableStatus === 'ACTIVE') return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`Table ${tableName} did not become ACTIVE`);
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
