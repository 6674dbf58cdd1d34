import { isDeepStrictEqual } from 'node:util';
import type { TableConfig, TableItemConfig } from '../deployment/model';
import { StateError } from '../state/errors';
import { DynamoDbError, type LocalDynamoDb } from './local-dynamodb';

interface DescribedTable {
  Table?: { TableStatus?: string; KeySchema?: unknown; AttributeDefinitions?: unknown };
}

/** A new table takes writes only once ACTIVE, as on AWS (dynalite flips it on a timer). */
async function waitUntilActive(dynamoDb: LocalDynamoDb, tableName: string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const { Table } = await dynamoDb.call<DescribedTable>('DescribeTable', { TableName: tableName });
    if (Table?.TableStatus === 'ACTIVE') return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`Table ${tableName} did not become ACTIVE`);
}

/**
 * Creates a table the stacks declare, unless the data directory has it already.
 * A kept table whose keys differ from the declared ones is refused: Terraform
 * would replace it and its data with it, which the runtime never does silently.
 */
export async function applyDeclaredTable(dynamoDb: LocalDynamoDb, table: TableConfig): Promise<'created' | 'unchanged'> {
  try {
    await dynamoDb.call('CreateTable', table.createTableRequest);
  } catch (error) {
    if (!(error instanceof DynamoDbError && error.type === 'ResourceInUseException')) throw error;
    const { Table } = await dynamoDb.call<DescribedTable>('DescribeTable', { TableName: table.name });
    if (!isDeepStrictEqual(Table?.KeySchema, table.createTableRequest.KeySchema)) {
      throw new StateError(
        `${table.address}: the table ${table.name} in the data directory has other keys than the stacks declare; start with --reset to recreate it (its items are lost)`,
      );
    }
    return 'unchanged';
  }
  await waitUntilActive(dynamoDb, table.name);
  return 'created';
}

/**
 * Puts an item the stacks declare. The first time only if no item has its key
 * (as Terraform creates an item; one already there from an earlier start is
 * taken as it is), later only if the declared item changed and its changes are
 * not ignored: a restart never reverts what the platform changed since.
 */
export async function applyDeclaredItem(dynamoDb: LocalDynamoDb, item: TableItemConfig, firstTime: boolean, keyAttribute: string): Promise<'created' | 'kept' | 'updated'> {
  if (!firstTime) {
    await dynamoDb.call('PutItem', { TableName: item.tableName, Item: item.item });
    return 'updated';
  }
  try {
    await dynamoDb.call('PutItem', {
      TableName: item.tableName,
      Item: item.item,
      ConditionExpression: 'attribute_not_exists(#key)',
      ExpressionAttributeNames: { '#key': keyAttribute },
    });
    return 'created';
  } catch (error) {
    if (error instanceof DynamoDbError && error.type === 'ConditionalCheckFailedException') return 'kept';
    throw error;
  }
}
