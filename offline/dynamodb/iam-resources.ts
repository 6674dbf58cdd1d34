import { arns } from '../aws/arns';

/**
 * The resources IAM evaluates for a DynamoDB API call: the table, or the index a
 * Query or Scan reads, or every table of a batch.
 */
export function dynamoDbResources(
  operation: string,
  input: Record<string, unknown>,
  account: { region: string; accountId: string },
): string[] {
  const tableArn = (name: unknown) => arns.table(account, typeof name === 'string' ? name : '*');
  switch (operation) {
    case 'ListTables':
      return ['*'];
    case 'BatchGetItem':
    case 'BatchWriteItem': {
      const tables = Object.keys((input.RequestItems as Record<string, unknown> | undefined) ?? {});
      return tables.length > 0 ? tables.map(tableArn) : [tableArn(undefined)];
    }
    case 'Query':
    case 'Scan':
      return typeof input.IndexName === 'string'
        ? [arns.tableIndex(tableArn(input.TableName), input.IndexName)]
        : [tableArn(input.TableName)];
    default:
      return [tableArn(input.TableName)];
  }
}
