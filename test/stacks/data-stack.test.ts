import { unmarshall } from '@aws-sdk/util-dynamodb';
import { createTableRequest, seedItems, tableName } from '../../platform';
import { synthStacks } from '../support/synth-stacks';

const { data, identity } = synthStacks();
const table = data.resource('aws_dynamodb_table');

describe('data stack', () => {
  it('matches the snapshot', () => {
    expect(data.terraform).toMatchSnapshot();
  });

  it('creates the table from the shared schema', () => {
    const schema = createTableRequest(tableName('shop-platform'));
    expect(table.name).toBe(schema.TableName);
    expect(table.hash_key).toBe('PK');
    expect(table.range_key).toBe('SK');
    expect(table.attribute).toEqual(
      schema.AttributeDefinitions.map((attribute) => ({ name: attribute.AttributeName, type: attribute.AttributeType })),
    );
    expect(table.global_secondary_index).toEqual([
      { name: 'GSI1', hash_key: 'GSI1-PK', range_key: 'GSI1-SK', projection_type: 'ALL' },
      { name: 'GSI2', hash_key: 'GSI2-PK', range_key: 'GSI2-SK', projection_type: 'ALL' },
    ]);
  });

  it('bills on demand, encrypts, keeps point-in-time recovery and expires idempotency records', () => {
    expect(table.billing_mode).toBe('PAY_PER_REQUEST');
    expect(table.server_side_encryption).toEqual({ enabled: true });
    expect(table.point_in_time_recovery).toEqual({ enabled: true });
    expect(table.ttl).toEqual({ attribute_name: 'expiration', enabled: true });
  });

  it('makes deletion protection a setting', () => {
    expect(table.deletion_protection_enabled).toBe(false);
    const protectedTable = synthStacks({ SHOP_TABLE_DELETION_PROTECTION: 'true' }).data.resource('aws_dynamodb_table');
    expect(protectedTable.deletion_protection_enabled).toBe(true);
  });

  describe('seed items', () => {
    const items = Object.values(data.resources('aws_dynamodb_table_item'));
    const decoded = items.map((item) => unmarshall(JSON.parse(item.item as string)));

    it('seeds two shops with two products each and one order per test customer per shop', () => {
      const count = (kind: string) => decoded.filter((item) => item.entityType === kind).length;
      expect([count('shop'), count('product'), count('order')]).toEqual([2, 4, 2]);
      expect(items).toHaveLength(seedItems(() => 'sub').length);
    });

    it("keys seed orders by the identity stack's test customer, through remote state", () => {
      const orders = decoded.filter((item) => item.entityType === 'order');
      for (const order of orders) {
        expect(order.customerId).toMatch(
          /^c#\$\{data\.terraform_remote_state\.cross-stack-reference-input-identity\.outputs\.cross-stack-output-aws_cognito_usertest-users_user-registeredCustomer1_[0-9A-F]+sub\}$/,
        );
      }
      const output = Object.keys(identity.outputs).find((name) => name.includes('registeredCustomer1') && name.endsWith('sub'));
      expect(output).toBeDefined();
    });

    it('is created once and never reverted by a later apply', () => {
      for (const item of items) {
        expect(item.lifecycle).toEqual({ ignore_changes: ['item'] });
        expect(item.table_name).toBe(data.ref('aws_dynamodb_table', 'name'));
      }
    });

    it('holds no shop token: the first rotation issues them', () => {
      for (const item of decoded) expect(item).not.toHaveProperty('shopToken');
    });

    it('leaves seed orders out when the test users are switched off', () => {
      const withoutUsers = synthStacks({ SHOP_TEST_USERS: 'false' }).data;
      const kinds = Object.values(withoutUsers.resources('aws_dynamodb_table_item')).map(
        (item) => unmarshall(JSON.parse(item.item as string)).entityType,
      );
      expect(kinds).not.toContain('order');
      expect(kinds).toHaveLength(6);
    });
  });

  it('reads the identity stack from its local state file by a relative path', () => {
    const remote = (data.terraform.data as Record<string, Record<string, unknown>>).terraform_remote_state;
    expect(remote['cross-stack-reference-input-identity']).toEqual({
      backend: 'local',
      config: { path: '../../../terraform.identity.tfstate' },
      workspace: '${terraform.workspace}',
    });
  });
});
