import { dynamoDbResources } from '../../../offline/dynamodb/iam-resources';

const account = { region: 'eu-central-1', accountId: '000000000000' };
const table = 'arn:aws:dynamodb:eu-central-1:000000000000:table/shop-platform-OrdersTable';

describe('dynamoDbResources', () => {
  it.each([
    ['GetItem', { TableName: 'shop-platform-OrdersTable' }, [table]],
    ['Query', { TableName: 'shop-platform-OrdersTable' }, [table]],
    ['Query', { TableName: 'shop-platform-OrdersTable', IndexName: 'GSI1' }, [`${table}/index/GSI1`]],
    ['Scan', { TableName: 'shop-platform-OrdersTable', IndexName: 'GSI2' }, [`${table}/index/GSI2`]],
    ['BatchGetItem', { RequestItems: { 'shop-platform-OrdersTable': {}, Other: {} } }, [table, 'arn:aws:dynamodb:eu-central-1:000000000000:table/Other']],
    ['ListTables', {}, ['*']],
    ['PutItem', {}, ['arn:aws:dynamodb:eu-central-1:000000000000:table/*']],
  ])('%s %j acts on %j', (operation, input, resources) => {
    expect(dynamoDbResources(operation, input, account)).toEqual(resources);
  });
});
