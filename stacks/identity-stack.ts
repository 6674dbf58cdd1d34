import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import { callerRoleNames } from '../platform/caller-roles';
import { IdentityPool } from './constructs/identity-pool';
import { TestUsers } from './constructs/test-users';
import { UserPool } from './constructs/user-pool';
import type { DeploymentConfig } from './deployment-config';
import { PlatformStack } from './platform-stack';

/** Who callers are: the user pool, the identity pool, the four caller roles and the test users. */
export class IdentityStack extends PlatformStack {
  readonly userPool: UserPool;
  readonly identityPool: IdentityPool;
  readonly testUsers?: TestUsers;

  constructor(scope: Construct, id: string, config: DeploymentConfig) {
    super(scope, id, config);
    const { prefix, logRetentionDays, createTestUsers } = config.settings;
    this.userPool = new UserPool(this, 'user-pool', { prefix });
    this.identityPool = new IdentityPool(this, 'identity-pool', { prefix, userPool: this.userPool });
    if (createTestUsers) {
      this.testUsers = new TestUsers(this, 'test-users', { prefix, userPool: this.userPool, logRetentionDays });
    }

    new TerraformOutput(this, 'user_pool_id', { value: this.userPool.pool.id });
    new TerraformOutput(this, 'user_pool_arn', { value: this.userPool.pool.arn });
    new TerraformOutput(this, 'user_pool_client_id', { value: this.userPool.client.id });
    new TerraformOutput(this, 'identity_pool_id', { value: this.identityPool.pool.id });
    for (const role of callerRoleNames) {
      const iamRole = this.identityPool.roles[role];
      const outputId = `${role.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`)}_role`;
      new TerraformOutput(this, outputId, { value: { name: iamRole.name, arn: iamRole.arn } });
    }
    if (this.testUsers) {
      new TerraformOutput(this, 'test_users_secret_name', { value: this.testUsers.secret.name });
    }
  }
}
