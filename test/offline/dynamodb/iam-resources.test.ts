import { dynamoDbPermissions } from '../../../offline/dynamodb/iam-resources';

const account = { region: 'eu-central-1', accountId: '000000000000' };
const table = 'arn:aws:dynamodb:eu-central-1:000000000000:table/shop-platform-OrdersTable';
const other = 'arn:aws:dynamodb:eu-central-1:000000000000:table/Other';
const name = 'shop-platform-OrdersTable';

describe('dynamoDbPermissions', () => {
  it.each([
    ['GetItem', { TableName: name }, [['dynamodb:GetItem', table]]],
    ['Query', { TableName: name }, [['dynamodb:Query', table]]],
    ['Query', { TableName: name, IndexName: 'GSI1' }, [['dynamodb:Query', `${table}/index/GSI1`]]],
    ['Scan', { TableName: name, IndexName: 'GSI2' }, [['dynamodb:Scan', `${table}/index/GSI2`]]],
    ['BatchGetItem', { RequestItems: { [name]: {}, Other: {} } }, [['dynamodb:BatchGetItem', table], ['dynamodb:BatchGetItem', other]]],
    ['ListTables', {}, [['dynamodb:ListTables', '*']]],
    ['PutItem', {}, [['dynamodb:PutItem', 'arn:aws:dynamodb:eu-central-1:000000000000:table/*']]],
    [
      'TransactWriteItems',
      {
        TransactItems: [
          { Put: { TableName: name } },
          { Update: { TableName: 'Other' } },
          { Delete: { TableName: name } },
          { ConditionCheck: { TableName: name } },
        ],
      },
      [
        ['dynamodb:PutItem', table],
        ['dynamodb:UpdateItem', other],
        ['dynamodb:DeleteItem', table],
        ['dynamodb:ConditionCheckItem', table],
      ],
    ],
    ['TransactGetItems', { TransactItems: [{ Get: { TableName: name } }, { Get: { TableName: 'Other' } }] }, [['dynamodb:GetItem', table], ['dynamodb:GetItem', other]]],
    ['TransactWriteItems', { TransactItems: 'not a list' }, [['dynamodb:PutItem', 'arn:aws:dynamodb:eu-central-1:000000000000:table/*']]],
  ])('%s %j needs %j', (operation, input, expected) => {
    expect(dynamoDbPermissions(operation, input, account)).toEqual(expected.map(([action, resource]) => ({ action, resource })));
  });
});
