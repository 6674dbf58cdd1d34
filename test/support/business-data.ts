import { DynamoDBClient, paginateScan } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { tableName } from '../../platform/table';

/**
 * One client per endpoint, kept: the fuzz suite reads the table twice per case, and a new
 * client resolves its whole configuration again (each setting it does not find costs an error
 * with a stack trace). Its idle keep-alive sockets do not hold the process open.
 */
const clients = new Map<string, DynamoDBClient>();
function clientFor(endpoint: string): DynamoDBClient {
  let client = clients.get(endpoint);
  if (!client) {
    client = new DynamoDBClient({ endpoint, region: 'eu-central-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
    // With no logger configured, the SDK's logger middleware still copies every answer through its
    // sensitive-data filter; a scan of the whole table is the largest answer the tests read.
    client.middlewareStack.remove('loggerMiddleware');
    clients.set(endpoint, client);
  }
  return client;
}

/**
 * Every shop, product and order in the platform's table, read with the local
 * administrator's keys: what "no change in data" compares. Bookkeeping records
 * (token-guess counters, idempotency records) are left out on purpose — a
 * refused guess must be counted.
 */
export async function businessData(endpoint: string, prefix = 'shop-platform'): Promise<Array<Record<string, unknown>>> {
  const client = clientFor(endpoint);
  const items: Array<Record<string, unknown>> = [];
  // Filtered in the table: the bookkeeping records grow with every guest a suite creates,
  // and sending, decoding and comparing them twice per case made long suites quadratic.
  const scan = {
    TableName: tableName(prefix),
    ConsistentRead: true,
    FilterExpression: '#type IN (:shop, :product, :order)',
    ExpressionAttributeNames: { '#type': 'entityType' },
    ExpressionAttributeValues: { ':shop': { S: 'shop' }, ':product': { S: 'product' }, ':order': { S: 'order' } },
  };
  for await (const page of paginateScan({ client }, scan)) {
    for (const item of page.Items ?? []) items.push(unmarshall(item));
  }
  return items.sort((a, b) => `${a.PK}|${a.SK}`.localeCompare(`${b.PK}|${b.SK}`));
}

/** Runs `attack` and fails unless the business data is exactly as before. */
export async function expectNoDataChange<T>(endpoint: string, attack: () => Promise<T>): Promise<T> {
  const before = await businessData(endpoint);
  const result = await attack();
  expect(await businessData(endpoint)).toEqual(before);
  return result;
}
