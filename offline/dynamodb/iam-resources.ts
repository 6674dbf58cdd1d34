import { arns } from '../aws/arns';
import { singleItemOperation, writeActionKinds } from './transaction-request';

/** One IAM check: an action on a resource. */
export interface DynamoDbPermission {
  action: string;
  resource: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * What IAM evaluates for a DynamoDB API call: the operation on the table, or on
 * the index a Query or Scan reads, or on every table of a batch. A transaction
 * is authorized item by item with the action each item is on its own
 * (`PutItem`, `UpdateItem`, `DeleteItem`, `ConditionCheckItem`, `GetItem`), as
 * AWS does: there is no `dynamodb:TransactWriteItems` action to grant.
 */
export function dynamoDbPermissions(
  operation: string,
  input: Record<string, unknown>,
  account: { region: string; accountId: string },
): DynamoDbPermission[] {
  const tableArn = (name: unknown) => arns.table(account, typeof name === 'string' ? name : '*');
  const on = (resource: string, action = operation): DynamoDbPermission => ({ action: `dynamodb:${action}`, resource });
  switch (operation) {
    case 'ListTables':
      return [on('*')];
    case 'BatchGetItem':
    case 'BatchWriteItem': {
      const tables = Object.keys(isRecord(input.RequestItems) ? input.RequestItems : {});
      return tables.length > 0 ? tables.map((table) => on(tableArn(table))) : [on(tableArn(undefined))];
    }
    case 'Query':
    case 'Scan':
      return [on(typeof input.IndexName === 'string' ? arns.tableIndex(tableArn(input.TableName), input.IndexName) : tableArn(input.TableName))];
    case 'TransactWriteItems':
    case 'TransactGetItems': {
      const entries = Array.isArray(input.TransactItems) ? input.TransactItems : [];
      const permissions = entries.flatMap((entry): DynamoDbPermission[] => {
        if (!isRecord(entry)) return [];
        if (operation === 'TransactGetItems') return isRecord(entry.Get) ? [on(tableArn(entry.Get.TableName), 'GetItem')] : [];
        return writeActionKinds.flatMap((kind) => {
          const action = entry[kind];
          return isRecord(action) ? [on(tableArn(action.TableName), singleItemOperation[kind])] : [];
        });
      });
      // A malformed request still names the operation's scope, so a caller without any right is refused first.
      return permissions.length > 0 ? permissions : [on(tableArn(undefined), operation === 'TransactGetItems' ? 'GetItem' : 'PutItem')];
    }
    default:
      return [on(tableArn(input.TableName))];
  }
}
