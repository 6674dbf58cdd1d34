import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { Construct } from 'constructs';
import { keyAttributes, ordersTable, tableIndexes, tableName } from '../../platform/table';

/** The single table, from the shared schema: on-demand, encrypted, point-in-time recovery on. */
export class OrdersTable extends Construct {
  readonly table: DynamodbTable;

  constructor(scope: Construct, id: string, props: { prefix: string; deletionProtection: boolean }) {
    super(scope, id);
    this.table = new DynamodbTable(this, 'table', {
      name: tableName(props.prefix),
      billingMode: 'PAY_PER_REQUEST',
      hashKey: ordersTable.partitionKey,
      rangeKey: ordersTable.sortKey,
      attribute: keyAttributes.map((name) => ({ name, type: 'S' })),
      globalSecondaryIndex: tableIndexes.map((index) => ({
        name: index.name,
        hashKey: index.partitionKey,
        rangeKey: index.sortKey,
        projectionType: 'ALL',
      })),
      pointInTimeRecovery: { enabled: true },
      serverSideEncryption: { enabled: true },
      deletionProtectionEnabled: props.deletionProtection,
      ttl: { attributeName: ordersTable.timeToLiveAttribute, enabled: true },
    });
  }
}
