import { DynamoDBClient, GetItemCommand, PutItemCommand, QueryCommand, ScanCommand, TransactGetItemsCommand, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { AdminGetUserCommand, CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { deployedFunctionName, functions, type FunctionDefinition } from '../../../platform/functions';
import { itemKeys, ordersTable, type TableIndex } from '../../../platform/table';
import { testUsers } from '../../../platform/test-users';
import { startOfflinePlatform, type OfflinePlatform } from '../../support/offline-platform';

/**
 * Functions call DynamoDB and Cognito through the runtime with their execution
 * role's credentials, so the least-privilege policies the stack attaches are
 * enforced offline too: what a role does not list, it cannot do.
 */
let platform: OfflinePlatform;
beforeAll(async () => {
  platform = await startOfflinePlatform();
});
afterAll(async () => {
  await platform.close();
});

const clientsOf = (definition: FunctionDefinition) => {
  const config = { endpoint: platform.endpoint, region: 'eu-central-1', credentials: platform.runtime.functionCredentials(deployedFunctionName(platform.settings.prefix, definition)) };
  return { dynamo: new DynamoDBClient(config), cognito: new CognitoIdentityProviderClient(config) };
};
const TableName = 'shop-platform-OrdersTable';
const shopKey = { PK: { S: itemKeys.shop('0001').PK }, SK: { S: itemKeys.shop('0001').SK } };
const denied = { name: 'AccessDeniedException' };

describe('function roles offline', () => {
  it("authorizes each item of a transaction by its own action against the function's role", async () => {
    const { dynamo } = clientsOf(functions.placeOrder);
    const marker = { PK: { S: 'CUSTOMER#v#roles' }, SK: { S: 'CUSTOMER' } };
    // place-order may put, update and condition-check: its order transaction goes through.
    await expect(
      dynamo.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            { Put: { TableName, Item: { ...marker, entityType: { S: 'customer' }, customerId: { S: 'v#roles' } }, ConditionExpression: 'attribute_not_exists(PK)' } },
            { ConditionCheck: { TableName, Key: shopKey, ConditionExpression: 'attribute_exists(PK)' } },
          ],
        }),
      ),
    ).resolves.toBeDefined();
    // A Delete in the same kind of transaction needs dynamodb:DeleteItem, which it lacks: nothing is written.
    await expect(
      dynamo.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            { Put: { TableName, Item: { PK: { S: 'CUSTOMER#v#roles2' }, SK: { S: 'CUSTOMER' } } } },
            { Delete: { TableName, Key: marker } },
          ],
        }),
      ),
    ).rejects.toMatchObject({ ...denied, message: expect.stringContaining('is not authorized to perform: dynamodb:DeleteItem on resource') });
    const root = new DynamoDBClient({ endpoint: platform.endpoint, region: 'eu-central-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
    expect((await root.send(new GetItemCommand({ TableName, Key: { PK: { S: 'CUSTOMER#v#roles2' }, SK: { S: 'CUSTOMER' } } }))).Item).toBeUndefined();
    root.destroy();
    // get-shop-sales may read single items, so a transactional read; it may not write one.
    const sales = clientsOf(functions.getShopSales).dynamo;
    await expect(sales.send(new TransactGetItemsCommand({ TransactItems: [{ Get: { TableName, Key: shopKey } }] }))).resolves.toMatchObject({
      Responses: [{ Item: expect.any(Object) }],
    });
    await expect(
      sales.send(new TransactWriteItemsCommand({ TransactItems: [{ ConditionCheck: { TableName, Key: shopKey, ConditionExpression: 'attribute_exists(PK)' } }] })),
    ).rejects.toMatchObject({ ...denied, message: expect.stringContaining('dynamodb:ConditionCheckItem') });
  });

  it('lets get-order read an item and look a user up, and nothing else', async () => {
    const { dynamo, cognito } = clientsOf(functions.getOrder);
    await expect(dynamo.send(new GetItemCommand({ TableName, Key: shopKey }))).resolves.toMatchObject({ Item: expect.any(Object) });
    await expect(dynamo.send(new ScanCommand({ TableName }))).rejects.toMatchObject(denied);
    await expect(dynamo.send(new PutItemCommand({ TableName, Item: { ...shopKey, name: { S: 'x' } } }))).rejects.toMatchObject({
      ...denied,
      message: expect.stringMatching(
        /^User: arn:aws:sts::000000000000:assumed-role\/shop-platform-get-order-role\/shop-platform-get-order is not authorized to perform: dynamodb:PutItem on resource: arn:aws:dynamodb:eu-central-1:000000000000:table\/shop-platform-OrdersTable/,
      ),
    });
    const users = platform.runtime.declaredUsers();
    const user = users.find((candidate) => candidate.email === testUsers.shop1Owner.email)!;
    await expect(
      cognito.send(new AdminGetUserCommand({ UserPoolId: platform.runtime.outputs.userPoolId, Username: user.username })),
    ).resolves.toMatchObject({ Username: user.username });
  });

  it("lets list-my-orders query the customers' index only", async () => {
    const { dynamo, cognito } = clientsOf(functions.listMyOrders);
    const queryIndex = (index: TableIndex, partition: string) =>
      dynamo.send(
        new QueryCommand({
          TableName,
          IndexName: index.name,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': index.partitionKey },
          ExpressionAttributeValues: { ':pk': { S: partition } },
        }),
      );
    await expect(queryIndex(ordersTable.indexes.customerOrders, 'CUSTOMER#nobody')).resolves.toMatchObject({ Count: 0 });
    await expect(queryIndex(ordersTable.indexes.shopOrders, 'SHOP#0001')).rejects.toMatchObject(denied);
    await expect(dynamo.send(new GetItemCommand({ TableName, Key: shopKey }))).rejects.toMatchObject(denied);
    await expect(
      cognito.send(new AdminGetUserCommand({ UserPoolId: platform.runtime.outputs.userPoolId, Username: 'anyone' })),
    ).rejects.toMatchObject(denied);
  });

  it('refuses a function session that signs for another region', async () => {
    const { dynamo } = clientsOf(functions.getOrder);
    const elsewhere = new DynamoDBClient({
      endpoint: platform.endpoint,
      region: 'us-east-1',
      credentials: platform.runtime.functionCredentials(deployedFunctionName(platform.settings.prefix, functions.getOrder)),
    });
    await expect(elsewhere.send(new GetItemCommand({ TableName, Key: shopKey }))).rejects.toMatchObject({
      name: 'InvalidSignatureException',
    });
    dynamo.destroy();
  });
});
