import {
  CreateTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  TransactGetItemsCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
  type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import { startDynamoDbServer, type DynamoDbServer } from '../../../offline/dynamodb/dynamodb-server';
import { recoverInterruptedTransaction, TransactionJournal } from '../../../offline/dynamodb/transaction-journal';
import { InMemoryDocumentStore } from '../../../offline/state/document-store';
import { createTableRequest } from '../../../platform/table';

const TableName = 'tx-OrdersTable';
const key = (pk: string) => ({ PK: { S: pk }, SK: { S: 'ITEM' } });

let server: DynamoDbServer;
let client: DynamoDBClient;

beforeAll(async () => {
  server = await startDynamoDbServer();
  client = new DynamoDBClient({ endpoint: server.endpoint, region: 'eu-central-1', credentials: { accessKeyId: 'k', secretAccessKey: 's' } });
  await client.send(new CreateTableCommand(createTableRequest(TableName)));
});

afterAll(async () => {
  client.destroy();
  await server.close();
});

const read = async (pk: string) => (await client.send(new GetItemCommand({ TableName, Key: key(pk), ConsistentRead: true }))).Item;
const put = (pk: string, extra: Record<string, unknown> = {}): TransactWriteItem => ({
  Put: { TableName, Item: { ...key(pk), ...(extra as object) } },
});
const increment = (pk: string, by = 1): TransactWriteItem => ({
  Update: {
    TableName,
    Key: key(pk),
    UpdateExpression: 'ADD #count :by',
    ExpressionAttributeNames: { '#count': 'count' },
    ExpressionAttributeValues: { ':by': { N: String(by) } },
  },
});

async function cancellation(items: TransactWriteItem[], token?: string): Promise<TransactionCanceledException> {
  const error = await client.send(new TransactWriteItemsCommand({ TransactItems: items, ClientRequestToken: token })).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof TransactionCanceledException)) throw new Error(`Expected a cancellation, got ${String(error)}`);
  return error;
}

async function refusal(items: unknown): Promise<{ name: string; message: string }> {
  const error = await client.send(new TransactWriteItemsCommand({ TransactItems: items as TransactWriteItem[] })).then(
    () => undefined,
    (caught: unknown) => caught as Error,
  );
  if (!error) throw new Error('Expected the transaction to be refused');
  return { name: error.name, message: error.message };
}

describe('TransactWriteItems', () => {
  it('applies every action together: put, update, delete and a passing condition check', async () => {
    await client.send(new PutItemCommand({ TableName, Item: { ...key('all-delete'), v: { S: 'x' } } }));
    await client.send(new PutItemCommand({ TableName, Item: { ...key('all-check'), state: { S: 'open' } } }));
    await client.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          put('all-put', { v: { S: 'new' } }),
          increment('all-counter', 5),
          { Delete: { TableName, Key: key('all-delete') } },
          {
            ConditionCheck: {
              TableName,
              Key: key('all-check'),
              ConditionExpression: '#state = :open',
              ExpressionAttributeNames: { '#state': 'state' },
              ExpressionAttributeValues: { ':open': { S: 'open' } },
            },
          },
        ],
      }),
    );
    expect((await read('all-put'))?.v).toEqual({ S: 'new' });
    expect((await read('all-counter'))?.count).toEqual({ N: '5' });
    expect(await read('all-delete')).toBeUndefined();
    expect((await read('all-check'))?.state).toEqual({ S: 'open' });
  });

  it('writes nothing when one condition fails, and says which with CancellationReasons', async () => {
    await client.send(new PutItemCommand({ TableName, Item: { ...key('none-existing'), v: { S: 'old' } } }));
    const error = await cancellation([
      put('none-new'),
      increment('none-counter'),
      {
        Put: {
          TableName,
          Item: { ...key('none-existing'), v: { S: 'overwritten' } },
          ConditionExpression: 'attribute_not_exists(PK)',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      },
    ]);
    expect(error.message).toBe(
      'Transaction cancelled, please refer cancellation reasons for specific reasons [None, None, ConditionalCheckFailed]',
    );
    expect(error.CancellationReasons).toEqual([
      { Code: 'None' },
      { Code: 'None' },
      { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed', Item: { ...key('none-existing'), v: { S: 'old' } } },
    ]);
    expect(await read('none-new')).toBeUndefined();
    expect(await read('none-counter')).toBeUndefined();
    expect((await read('none-existing'))?.v).toEqual({ S: 'old' });
  });

  it('cancels on a failing condition check, returning the item only when asked', async () => {
    const check = (returnValues?: 'ALL_OLD'): TransactWriteItem => ({
      ConditionCheck: {
        TableName,
        Key: key('check-missing'),
        ConditionExpression: 'attribute_exists(PK)',
        ReturnValuesOnConditionCheckFailure: returnValues,
      },
    });
    const error = await cancellation([check(), put('check-put')]);
    expect(error.CancellationReasons).toEqual([{ Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' }, { Code: 'None' }]);
    expect(await read('check-put')).toBeUndefined();
  });

  it('undoes the actions already applied when a later one cannot be applied (ValidationError)', async () => {
    await client.send(new PutItemCommand({ TableName, Item: { ...key('apply-text'), count: { S: 'not a number' } } }));
    await client.send(new PutItemCommand({ TableName, Item: { ...key('apply-before'), v: { S: 'before' } } }));
    const error = await cancellation([put('apply-before', { v: { S: 'after' } }), put('apply-new'), increment('apply-text')]);
    expect(error.CancellationReasons?.map((reason) => reason.Code)).toEqual(['None', 'None', 'ValidationError']);
    expect(error.CancellationReasons?.[2].Message).toMatch(/operand/i);
    expect((await read('apply-before'))?.v).toEqual({ S: 'before' });
    expect(await read('apply-new')).toBeUndefined();
  });

  it('isolates transactions from each other: 60 concurrent increments of one counter all count', async () => {
    await Promise.all(
      Array.from({ length: 60 }, (_, index) =>
        client.send(new TransactWriteItemsCommand({ TransactItems: [increment('race-counter'), put(`race-${index}`)] })),
      ),
    );
    expect((await read('race-counter'))?.count).toEqual({ N: '60' });
  });

  it('answers an identical request with the same ClientRequestToken without writing again', async () => {
    const items = [increment('token-counter')];
    await client.send(new TransactWriteItemsCommand({ TransactItems: items, ClientRequestToken: 'token-1' }));
    await client.send(new TransactWriteItemsCommand({ TransactItems: items, ClientRequestToken: 'token-1' }));
    expect((await read('token-counter'))?.count).toEqual({ N: '1' });
    const mismatch = await client
      .send(new TransactWriteItemsCommand({ TransactItems: [increment('token-counter', 2)], ClientRequestToken: 'token-1' }))
      .catch((error: Error) => error);
    expect(mismatch).toMatchObject({ name: 'IdempotentParameterMismatchException' });
    expect((await read('token-counter'))?.count).toEqual({ N: '1' });
  });

  it('frees a token whose transaction was cancelled, so the retry runs', async () => {
    await cancellation([{ ConditionCheck: { TableName, Key: key('token-gate'), ConditionExpression: 'attribute_exists(PK)' } }, increment('token-retried')], 'token-2');
    await client.send(new PutItemCommand({ TableName, Item: key('token-gate') }));
    await client.send(
      new TransactWriteItemsCommand({
        TransactItems: [{ ConditionCheck: { TableName, Key: key('token-gate'), ConditionExpression: 'attribute_exists(PK)' } }, increment('token-retried')],
        ClientRequestToken: 'token-2',
      }),
    );
    expect((await read('token-retried'))?.count).toEqual({ N: '1' });
  });

  it('reports capacity: two write units per KB of each written item', async () => {
    const answer = await client.send(
      new TransactWriteItemsCommand({ TransactItems: [put('capacity-a'), put('capacity-b')], ReturnConsumedCapacity: 'TOTAL' }),
    );
    expect(answer.ConsumedCapacity).toEqual([{ TableName, CapacityUnits: 4, WriteCapacityUnits: 4 }]);
  });

  it.each([
    ['no actions', [], /Member must have length greater than or equal to 1/],
    ['more than 100 actions', Array.from({ length: 101 }, (_, index) => put(`limit-${index}`)), /Member must have length less than or equal to 100/],
    ['two actions on one item', [put('twice'), increment('twice')], /^Transaction request cannot include multiple operations on one item$/],
    ['two actions in one entry', [{ ...put('double'), ...increment('double2') }], /can only contain one of Check, Put, Update or Delete/],
    ['an update without an expression', [{ Update: { TableName, Key: key('x') } }], /transactItems\.1\.member\.update\.updateExpression/],
    ['a key that does not match the schema', [{ Delete: { TableName, Key: { PK: { S: 'x' } } } }], /The provided key element does not match the schema/],
    ['a put without the key', [{ Put: { TableName, Item: { PK: { S: 'x' } } } }], /Missing the key SK in the item/],
    ['an unused expression value', [{ ...increment('x'), Update: { ...increment('x').Update!, ExpressionAttributeValues: { ':by': { N: '1' }, ':unused': { N: '2' } } } }], /unused/i],
  ])('refuses %s with ValidationException, writing nothing', async (_case, items, message) => {
    const refused = await refusal(items);
    expect(refused.name).toBe('ValidationException');
    expect(refused.message).toMatch(message);
    expect(await read('limit-0')).toBeUndefined();
    expect(await read('twice')).toBeUndefined();
  });

  it('refuses a missing table with ResourceNotFoundException', async () => {
    const refused = await refusal([{ Put: { TableName: 'no-such-table', Item: key('x') } }]);
    expect(refused).toEqual({ name: 'ResourceNotFoundException', message: 'Requested resource not found' });
  });
});

describe('TransactGetItems', () => {
  it('reads the items in request order, an empty response for a missing one', async () => {
    await client.send(new PutItemCommand({ TableName, Item: { ...key('get-a'), v: { S: 'a' }, w: { S: 'hidden' } } }));
    const answer = await client.send(
      new TransactGetItemsCommand({
        TransactItems: [
          { Get: { TableName, Key: key('get-missing') } },
          { Get: { TableName, Key: key('get-a'), ProjectionExpression: '#v', ExpressionAttributeNames: { '#v': 'v' } } },
        ],
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    expect(answer.Responses).toEqual([{}, { Item: { v: { S: 'a' } } }]);
    expect(answer.ConsumedCapacity).toEqual([{ TableName, CapacityUnits: 4, ReadCapacityUnits: 4 }]);
  });

  it('refuses two reads of one item', async () => {
    const error = await client
      .send(new TransactGetItemsCommand({ TransactItems: [{ Get: { TableName, Key: key('a') } }, { Get: { TableName, Key: key('a') } }] }))
      .catch((caught: Error) => caught);
    expect(error).toMatchObject({ name: 'ValidationException', message: 'Transaction request cannot include multiple operations on one item' });
  });
});

describe('the transaction journal', () => {
  it('puts back the items of a transaction interrupted between its writes', async () => {
    const store = new InMemoryDocumentStore();
    const journal = new TransactionJournal(store);
    await client.send(new PutItemCommand({ TableName, Item: { ...key('crash-existing'), v: { S: 'before' } } }));
    journal.begin([
      { tableName: TableName, key: key('crash-existing'), item: { ...key('crash-existing'), v: { S: 'before' } } },
      { tableName: TableName, key: key('crash-new') },
    ]);
    // The crash: the first write landed, the second did not, the journal entry stayed.
    await client.send(new PutItemCommand({ TableName, Item: { ...key('crash-existing'), v: { S: 'after' } } }));
    await client.send(new PutItemCommand({ TableName, Item: key('crash-new') }));

    expect(await recoverInterruptedTransaction(server.dynamoDb, journal)).toBe(2);
    expect((await read('crash-existing'))?.v).toEqual({ S: 'before' });
    expect(await read('crash-new')).toBeUndefined();
    expect(journal.interrupted()).toBeUndefined();
    expect(await recoverInterruptedTransaction(server.dynamoDb, journal)).toBe(0);
  });
});
