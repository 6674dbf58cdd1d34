import { DynamodbTableItem } from '@cdktf/provider-aws/lib/dynamodb-table-item';
import { marshall } from '@aws-sdk/util-dynamodb';
import { Construct } from 'constructs';
import { seedItems } from '../../platform/seed';
import type { TestUserKey } from '../../platform/test-users';
import { ordersTable } from '../../platform/table';
import type { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';

export interface SeedItemsProps {
  table: DynamodbTable;
  /** A test user's `sub` (a cross-stack reference), or undefined when test users are off. */
  subOf: (user: TestUserKey) => string | undefined;
}

/**
 * The seed catalogue. Terraform creates each item once and then ignores it: the
 * platform rotates tokens and adds orders, and a later apply must not undo that.
 */
export class SeedItems extends Construct {
  constructor(scope: Construct, id: string, props: SeedItemsProps) {
    super(scope, id);
    for (const { id: itemId, item } of seedItems(props.subOf)) {
      new DynamodbTableItem(this, itemId, {
        tableName: props.table.name,
        hashKey: ordersTable.partitionKey,
        rangeKey: ordersTable.sortKey,
        item: JSON.stringify(marshall(item)),
        lifecycle: { ignoreChanges: ['item'] },
      });
    }
  }
}
