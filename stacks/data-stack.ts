import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import { OrdersTable } from './constructs/orders-table';
import { SeedItems } from './constructs/seed-items';
import type { DeploymentConfig } from './deployment-config';
import type { IdentityStack } from './identity-stack';
import { PlatformStack } from './platform-stack';

/** The orders table and its seed catalogue (seed orders belong to the identity stack's test customer). */
export class DataStack extends PlatformStack {
  readonly ordersTable: OrdersTable;

  constructor(scope: Construct, id: string, config: DeploymentConfig, identity: IdentityStack) {
    super(scope, id, config);
    this.ordersTable = new OrdersTable(this, 'orders', {
      prefix: config.settings.prefix,
      deletionProtection: config.settings.tableDeletionProtection,
    });
    const users = identity.testUsers?.users;
    new SeedItems(this, 'seed', {
      table: this.ordersTable.table,
      subOf: (user) => users?.[user].sub,
    });

    new TerraformOutput(this, 'table_name', { value: this.ordersTable.table.name });
    new TerraformOutput(this, 'table_arn', { value: this.ordersTable.table.arn });
  }
}
