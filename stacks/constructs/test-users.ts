import { CognitoUser } from '@cdktf/provider-aws/lib/cognito-user';
import { LambdaInvocation } from '@cdktf/provider-aws/lib/lambda-invocation';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { Construct } from 'constructs';
import { functionEnvironment, functions } from '../../platform/functions';
import { testUsers, testUsersSecretName, type TestUserKey } from '../../platform/test-users';
import { customAttributes } from '../../platform/user-pool';
import { NodejsFunction } from './nodejs-function';
import type { UserPool } from './user-pool';

export interface TestUsersProps {
  prefix: string;
  userPool: UserPool;
  logRetentionDays: number;
}

/**
 * The test users and their shared password. Terraform creates the users without a
 * password and an empty secret; a one-off Lambda generates the password on AWS,
 * stores it in the secret and sets it on each user, so it never appears in the
 * synthesized configuration, the state or a log.
 */
export class TestUsers extends Construct {
  readonly secret: SecretsmanagerSecret;
  readonly users: Record<TestUserKey, CognitoUser>;

  constructor(scope: Construct, id: string, props: TestUsersProps) {
    super(scope, id);
    const { pool } = props.userPool;
    this.secret = new SecretsmanagerSecret(this, 'password', {
      name: testUsersSecretName(props.prefix),
      description: 'Shared password of the test users, as {"password": "..."}',
      // Test users come and go with the stack; keep no deleted copy around.
      recoveryWindowInDays: 0,
    });

    const users = {} as Record<TestUserKey, CognitoUser>;
    for (const [key, user] of Object.entries(testUsers) as [TestUserKey, (typeof testUsers)[TestUserKey]][]) {
      // The provider takes custom attributes without their "custom:" prefix.
      const custom: Record<string, string> = { [customAttributes.role.replace('custom:', '')]: user.role };
      if ('shopId' in user) custom[customAttributes.shopId.replace('custom:', '')] = user.shopId;
      users[key] = new CognitoUser(this, `user-${key}`, {
        userPoolId: pool.id,
        username: user.email,
        messageAction: 'SUPPRESS',
        attributes: {
          email: user.email,
          email_verified: 'true',
          name: user.name,
          phone_number: user.phoneNumber,
          ...custom,
        },
      });
    }
    this.users = users;

    const definition = functions.provisionTestUsers;
    const provisioner = new NodejsFunction(this, 'provisioner', {
      definition,
      prefix: props.prefix,
      environment: functionEnvironment(definition, {
        userPoolId: pool.id,
        testUsersSecretId: this.secret.arn,
      }),
      resources: { userPool: pool.arn, testUsersSecret: this.secret.arn },
      logRetentionDays: props.logRetentionDays,
    });

    const usernames = Object.values(users).map((user) => user.username);
    new LambdaInvocation(this, 'set-passwords', {
      functionName: provisioner.function.functionName,
      input: JSON.stringify({ usernames }),
      // Runs again only when the set of users changes; the password is kept.
      triggers: { users: usernames.join(',') },
      dependsOn: Object.values(users),
    });
  }
}
