import { checkTypes, checkValidations } from 'dynalite/validations';
import * as deleteItemValidation from 'dynalite/validations/deleteItem';
import * as getItemValidation from 'dynalite/validations/getItem';
import * as putItemValidation from 'dynalite/validations/putItem';
import * as updateItemValidation from 'dynalite/validations/updateItem';
import { itemSize } from 'dynalite/db';
import { AwsServiceError } from '../aws-json/errors';
import type { LocalDynamoDb } from './local-dynamodb';
import { checkKey, describeKeySchema, itemIdentity, keyOfItem, type TableKeySchema, type WireKey } from './table-keys';

/**
 * A TransactWriteItems or TransactGetItems request, checked as DynamoDB checks
 * it before touching any item: the item-count limit, one action per entry, one
 * action per item, each action's own validation (dynalite's, the same it
 * applies to the single-item call), keys against the table's schema.
 */
export const maxTransactionItems = 100;
export const maxTransactionBytes = 4 * 1024 * 1024;
const maxItemBytes = 400 * 1024;

export type WriteActionKind = 'Put' | 'Update' | 'Delete' | 'ConditionCheck';
export const writeActionKinds: readonly WriteActionKind[] = ['ConditionCheck', 'Put', 'Update', 'Delete'];

/** The single-item call each kind of action is, for IAM and for applying it. */
export const singleItemOperation = {
  Put: 'PutItem',
  Update: 'UpdateItem',
  Delete: 'DeleteItem',
  ConditionCheck: 'ConditionCheckItem',
} as const satisfies Record<WriteActionKind, string>;

export interface WriteAction {
  kind: WriteActionKind;
  tableName: string;
  key: WireKey;
  /** The single-item request that applies it (none for a ConditionCheck). */
  request: Record<string, unknown>;
  /** The request as dynalite validated it, holding the parsed condition. */
  validated: Record<string, unknown>;
  returnOldItemOnFailure: boolean;
}

export interface GetAction {
  tableName: string;
  key: WireKey;
  request: Record<string, unknown>;
}

/** The members each action takes; anything else in it is ignored, as DynamoDB ignores unknown members. */
const members: Record<WriteActionKind | 'Get', readonly string[]> = {
  Put: ['TableName', 'Item', 'ConditionExpression', 'ExpressionAttributeNames', 'ExpressionAttributeValues'],
  Update: ['TableName', 'Key', 'UpdateExpression', 'ConditionExpression', 'ExpressionAttributeNames', 'ExpressionAttributeValues'],
  Delete: ['TableName', 'Key', 'ConditionExpression', 'ExpressionAttributeNames', 'ExpressionAttributeValues'],
  ConditionCheck: ['TableName', 'Key', 'ConditionExpression', 'ExpressionAttributeNames', 'ExpressionAttributeValues'],
  Get: ['TableName', 'Key', 'ProjectionExpression', 'ExpressionAttributeNames'],
};

const validation = {
  Put: putItemValidation,
  Update: updateItemValidation,
  Delete: deleteItemValidation,
  // A condition check is validated as a conditional delete: a key and a condition.
  ConditionCheck: deleteItemValidation,
  Get: getItemValidation,
};

const required: Partial<Record<WriteActionKind, string>> = { Update: 'UpdateExpression', ConditionCheck: 'ConditionExpression' };

const invalid = (message: string) => new AwsServiceError('ValidationException', message);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const lowerFirst = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);

function checkItemCount(items: unknown): unknown[] {
  if (!Array.isArray(items)) {
    throw invalid("1 validation error detected: Value null at 'transactItems' failed to satisfy constraint: Member must not be null");
  }
  if (items.length < 1 || items.length > maxTransactionItems) {
    const bound = items.length < 1 ? 'greater than or equal to 1' : `less than or equal to ${maxTransactionItems}`;
    throw invalid(
      `1 validation error detected: Value with ${items.length} items at 'transactItems' failed to satisfy constraint: Member must have length ${bound}`,
    );
  }
  return items;
}

/** Runs dynalite's validation of the single-item call on one action; its messages name the action's place in the request. */
function validateAction(kind: WriteActionKind | 'Get', action: Record<string, unknown>, place: string): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const member of members[kind]) if (action[member] !== undefined) picked[member] = action[member];
  const rules = validation[kind];
  try {
    const data = checkTypes(picked, rules.types);
    checkValidations(data, rules.types, rules.custom, { options: { maxItemSize: maxItemBytes } });
    return data;
  } catch (error) {
    const body = isRecord(error) && isRecord(error.body) ? error.body : {};
    const type = String(body.__type ?? 'ValidationException').split('#').pop() ?? 'ValidationException';
    const message = String(body.message ?? body.Message ?? (error instanceof Error ? error.message : error));
    throw new AwsServiceError(type, message.replaceAll(" at '", ` at '${place}.`));
  }
}

function returnValuesOnFailure(action: Record<string, unknown>, place: string): boolean {
  const value = action.ReturnValuesOnConditionCheckFailure;
  if (value === undefined || value === 'NONE') return false;
  if (value === 'ALL_OLD') return true;
  throw invalid(
    `1 validation error detected: Value '${String(value)}' at '${place}.returnValuesOnConditionCheckFailure' failed to satisfy constraint: Member must satisfy enum value set: [ALL_OLD, NONE]`,
  );
}

/**
 * Tables' key schemas, read once: a key schema never changes while its table
 * exists. Forgotten when any table is created, updated or deleted, and a
 * lookup that fails is not kept.
 */
export class KeySchemas {
  private readonly schemas = new Map<string, Promise<TableKeySchema>>();
  constructor(private readonly dynamoDb: LocalDynamoDb) {}
  of(tableName: string): Promise<TableKeySchema> {
    let schema = this.schemas.get(tableName);
    if (!schema) {
      schema = describeKeySchema(this.dynamoDb, tableName);
      schema.catch(() => this.schemas.delete(tableName));
      this.schemas.set(tableName, schema);
    }
    return schema;
  }
  forget(): void {
    this.schemas.clear();
  }
}

/** Checks the no-two-actions-on-one-item rule. */
class DistinctItems {
  private readonly seen = new Set<string>();
  add(schema: TableKeySchema, key: WireKey): void {
    const identity = itemIdentity(schema, key);
    if (this.seen.has(identity)) throw invalid('Transaction request cannot include multiple operations on one item');
    this.seen.add(identity);
  }
}

export async function readWriteActions(schemas: KeySchemas, input: Record<string, unknown>): Promise<WriteAction[]> {
  const entries = checkItemCount(input.TransactItems);
  const distinct = new DistinctItems();
  const actions: WriteAction[] = [];
  let bytes = 0;
  for (const [index, entry] of entries.entries()) {
    const kinds = isRecord(entry) ? writeActionKinds.filter((kind) => entry[kind] !== undefined) : [];
    if (!isRecord(entry) || kinds.length !== 1) {
      throw invalid(`TransactItems can only contain one of Check, Put, Update or Delete (transactItems.${index + 1} has ${kinds.length})`);
    }
    const kind = kinds[0];
    const action = entry[kind];
    const place = `transactItems.${index + 1}.member.${lowerFirst(kind === 'ConditionCheck' ? 'conditionCheck' : kind)}`;
    if (!isRecord(action)) throw invalid(`1 validation error detected: Value at '${place}' must be a structure`);
    const missing = required[kind];
    if (missing !== undefined && typeof action[missing] !== 'string') {
      throw invalid(`1 validation error detected: Value null at '${place}.${lowerFirst(missing)}' failed to satisfy constraint: Member must not be null`);
    }
    const validated = validateAction(kind, action, place);
    const returnOldItemOnFailure = returnValuesOnFailure(action, place);
    const tableName = String(validated.TableName);
    const schema = await schemas.of(tableName);
    const key = kind === 'Put' ? keyOfItem(schema, validated.Item as Record<string, unknown>) : checkKey(schema, validated.Key as Record<string, unknown>);
    distinct.add(schema, key);
    if (kind === 'Put') bytes += itemSize(validated.Item as Record<string, unknown>);
    const request: Record<string, unknown> = {};
    for (const member of members[kind]) if (action[member] !== undefined) request[member] = action[member];
    actions.push({ kind, tableName, key, request, validated, returnOldItemOnFailure });
  }
  if (bytes > maxTransactionBytes) throw invalid('Transaction request size exceeds the limit of 4 MB');
  return actions;
}

export async function readGetActions(schemas: KeySchemas, input: Record<string, unknown>): Promise<GetAction[]> {
  const entries = checkItemCount(input.TransactItems);
  const distinct = new DistinctItems();
  const actions: GetAction[] = [];
  for (const [index, entry] of entries.entries()) {
    const place = `transactItems.${index + 1}.member.get`;
    if (!isRecord(entry) || !isRecord(entry.Get)) {
      throw invalid(`1 validation error detected: Value null at '${place}' failed to satisfy constraint: Member must not be null`);
    }
    const validated = validateAction('Get', entry.Get, place);
    const tableName = String(validated.TableName);
    const schema = await schemas.of(tableName);
    const key = checkKey(schema, validated.Key as Record<string, unknown>);
    distinct.add(schema, key);
    const request: Record<string, unknown> = {};
    for (const member of members.Get) if (entry.Get[member] !== undefined) request[member] = entry.Get[member];
    actions.push({ tableName, key, request });
  }
  return actions;
}
