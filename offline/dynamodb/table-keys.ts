import { AwsServiceError } from '../aws-json/errors';
import { DynamoDbError, type LocalDynamoDb } from './local-dynamodb';

/** A table's primary key: its attributes (hash first) and their types. */
export interface TableKeySchema {
  tableName: string;
  attributes: readonly { name: string; type: string }[];
}

/** An item's key, in wire form ({ PK: { S: '…' } }). */
export type WireKey = Record<string, Record<string, unknown>>;

interface DescribedTable {
  Table?: {
    KeySchema?: { AttributeName: string; KeyType: string }[];
    AttributeDefinitions?: { AttributeName: string; AttributeType: string }[];
  };
}

/** Reads a table's key schema; a missing table is DynamoDB's ResourceNotFoundException. */
export async function describeKeySchema(dynamoDb: LocalDynamoDb, tableName: string): Promise<TableKeySchema> {
  let described: DescribedTable;
  try {
    described = await dynamoDb.call<DescribedTable>('DescribeTable', { TableName: tableName });
  } catch (error) {
    if (error instanceof DynamoDbError && error.type === 'ResourceNotFoundException') {
      throw new AwsServiceError('ResourceNotFoundException', 'Requested resource not found');
    }
    throw error;
  }
  const keySchema = [...(described.Table?.KeySchema ?? [])].sort((a, b) => (a.KeyType === 'HASH' ? -1 : b.KeyType === 'HASH' ? 1 : 0));
  const types = new Map((described.Table?.AttributeDefinitions ?? []).map((definition) => [definition.AttributeName, definition.AttributeType]));
  return {
    tableName,
    attributes: keySchema.map((key) => ({ name: key.AttributeName, type: types.get(key.AttributeName) ?? 'S' })),
  };
}

const invalid = (message: string) => new AwsServiceError('ValidationException', message);

function isWireValue(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The key of an item to be put, with DynamoDB's messages for a missing or mistyped key attribute. */
export function keyOfItem(schema: TableKeySchema, item: Record<string, unknown>): WireKey {
  const key: WireKey = {};
  for (const { name, type } of schema.attributes) {
    const value = item[name];
    if (!isWireValue(value)) throw invalid(`One or more parameter values were invalid: Missing the key ${name} in the item`);
    const actual = Object.keys(value)[0];
    if (actual !== type) {
      throw invalid(`One or more parameter values were invalid: Type mismatch for key ${name} expected: ${type} actual: ${actual}`);
    }
    key[name] = value;
  }
  return key;
}

/** A `Key` member must name exactly the key attributes, with their types. */
export function checkKey(schema: TableKeySchema, key: Record<string, unknown>): WireKey {
  const names = Object.keys(key);
  const matches =
    names.length === schema.attributes.length &&
    schema.attributes.every(({ name, type }) => {
      const value = key[name];
      return isWireValue(value) && Object.keys(value)[0] === type;
    });
  if (!matches) throw invalid('The provided key element does not match the schema');
  return key as WireKey;
}

/** One string per item, for "is this the same item": the table and the key in schema order. */
export function itemIdentity(schema: TableKeySchema, key: Readonly<Record<string, unknown>>): string {
  return JSON.stringify([schema.tableName, ...schema.attributes.map(({ name }) => key[name])]);
}
