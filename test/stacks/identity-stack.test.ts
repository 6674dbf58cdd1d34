import { customAttributes, testUsers, userPool } from '../../platform';
import { policyOf, synthStacks } from '../support/synth-stacks';

const { identity } = synthStacks();

describe('identity stack', () => {
  it('matches the snapshot', () => {
    expect(identity.terraform).toMatchSnapshot();
  });

  describe('user pool', () => {
    const pool = identity.resource('aws_cognito_user_pool');

    it('signs users in by e-mail, whatever its case, and lets them sign up themselves', () => {
      expect(pool.username_attributes).toEqual(['email']);
      expect(pool.username_configuration).toEqual({ case_sensitive: false });
      expect(pool.admin_create_user_config).toEqual({ allow_admin_create_user_only: false });
    });

    it('enforces the password policy: 8+ characters with upper, lower and digit', () => {
      expect(pool.password_policy).toMatchObject({
        minimum_length: 8,
        require_uppercase: true,
        require_lowercase: true,
        require_numbers: true,
      });
    });

    it('defines the custom attributes role and shopId', () => {
      const names = (pool.schema as Array<{ name: string }>).map((attribute) => attribute.name);
      expect(names).toEqual(expect.arrayContaining(['role', 'shopId']));
    });
  });

  describe('app client', () => {
    const client = identity.resource('aws_cognito_user_pool_client');

    it('cannot write custom:role or custom:shopId, so nobody can grant themselves a role or a shop', () => {
      const written = client.write_attributes as string[];
      expect(written.length).toBeGreaterThan(0);
      expect(written.filter((attribute) => attribute.startsWith('custom:'))).toEqual([]);
      expect(written).toEqual([...userPool.client.writeAttributes]);
    });

    it('can read the custom attributes', () => {
      expect(client.read_attributes).toEqual(expect.arrayContaining([customAttributes.role, customAttributes.shopId]));
    });

    it('has no secret, password and refresh flows only, and hides whether a user exists', () => {
      expect(client.generate_secret).toBe(false);
      expect([...(client.explicit_auth_flows as string[])].sort()).toEqual([
        'ALLOW_REFRESH_TOKEN_AUTH',
        'ALLOW_USER_PASSWORD_AUTH',
      ]);
      expect(client.prevent_user_existence_errors).toBe('ENABLED');
    });

    it('sets token validity explicitly', () => {
      expect(client).toMatchObject({ id_token_validity: 60, access_token_validity: 60, refresh_token_validity: 30 });
      expect(client.token_validity_units).toEqual([{ id_token: 'minutes', access_token: 'minutes', refresh_token: 'days' }]);
    });
  });

  describe('identity pool', () => {
    const pool = identity.resource('aws_cognito_identity_pool');

    it('allows guests and switches the classic (basic) flow off', () => {
      expect(pool.allow_unauthenticated_identities).toBe(true);
      expect(pool.allow_classic_flow).toBe(false);
    });

    it('trusts only the user pool client as provider', () => {
      expect(pool.cognito_identity_providers).toEqual([
        {
          client_id: identity.ref('aws_cognito_user_pool_client', 'id'),
          provider_name: identity.ref('aws_cognito_user_pool', 'endpoint'),
          server_side_token_check: true,
        },
      ]);
    });

    it('maps principal tags from the user pool claims', () => {
      expect(identity.resource('aws_cognito_identity_pool_provider_principal_tag')).toMatchObject({
        principal_tags: { shopId: 'custom:shopId', role: 'custom:role', cognito_user_sub: 'sub', cognito_app_id: 'aud' },
        use_defaults: false,
      });
    });
  });

  describe('caller roles', () => {
    const roles = identity.resources('aws_iam_role');
    const roleNamed = (suffix: string) => {
      const found = Object.values(roles).find((role) => role.name === `shop-platform-IdentityPool-${suffix}`);
      if (!found) throw new Error(`no role ${suffix}`);
      return found;
    };
    const trust = (suffix: string) => policyOf(roleNamed(suffix), 'assume_role_policy').Statement;
    const poolId = identity.ref('aws_cognito_identity_pool', 'id');

    it.each([
      ['UnauthenticatedRole', 'unauthenticated', 'sts:AssumeRoleWithWebIdentity'],
      ['AuthenticatedDefaultRole', 'authenticated', ['sts:AssumeRoleWithWebIdentity', 'sts:TagSession']],
      ['ShopOwnerRole', 'authenticated', ['sts:AssumeRoleWithWebIdentity', 'sts:TagSession']],
      ['AdminRole', 'authenticated', ['sts:AssumeRoleWithWebIdentity', 'sts:TagSession']],
    ])('%s trusts only this identity pool with amr=%s', (suffix, amr, action) => {
      expect(trust(suffix)).toEqual([
        {
          Effect: 'Allow',
          Principal: { Federated: 'cognito-identity.amazonaws.com' },
          Action: action,
          Condition: {
            StringEquals: { 'cognito-identity.amazonaws.com:aud': poolId },
            'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': amr },
          },
        },
      ]);
    });

    it('maps custom:role with Equals rules to the shop owner and admin roles, anything else to the default role', () => {
      const attachment = identity.resource('aws_cognito_identity_pool_roles_attachment');
      const arn = (suffix: string) =>
        identity.ref('aws_iam_role', 'arn', (role) => role.name === `shop-platform-IdentityPool-${suffix}`);
      expect(attachment.roles).toEqual({
        authenticated: arn('AuthenticatedDefaultRole'),
        unauthenticated: arn('UnauthenticatedRole'),
      });
      expect(attachment.role_mapping).toEqual([
        {
          identity_provider: `${identity.ref('aws_cognito_user_pool', 'endpoint')}:${identity.ref('aws_cognito_user_pool_client', 'id')}`,
          type: 'Rules',
          ambiguous_role_resolution: 'AuthenticatedRole',
          mapping_rule: [
            { claim: 'custom:role', match_type: 'Equals', value: 'shop_owner', role_arn: arn('ShopOwnerRole') },
            { claim: 'custom:role', match_type: 'Equals', value: 'admin', role_arn: arn('AdminRole') },
          ],
        },
      ]);
    });
  });

  describe('test users', () => {
    const users = Object.values(identity.resources('aws_cognito_user'));

    it('creates the four test users with their role, shop and a verified e-mail', () => {
      const byEmail = Object.fromEntries(users.map((user) => [user.username, user.attributes]));
      expect(byEmail).toEqual({
        'shop1owner@example.com': expect.objectContaining({ role: 'shop_owner', shopId: '0001', email_verified: 'true' }),
        'shop2owner@example.com': expect.objectContaining({ role: 'shop_owner', shopId: '0002', email_verified: 'true' }),
        'adminuser@example.com': expect.objectContaining({ role: 'admin', email_verified: 'true' }),
        'registeredcustomer1@example.com': expect.objectContaining({ role: 'customer', email_verified: 'true' }),
      });
      for (const user of users) {
        expect((user.attributes as Record<string, string>).phone_number).toMatch(/^\+[0-9]+$/);
        expect(user.message_action).toBe('SUPPRESS');
      }
    });

    it('never puts a password in the configuration: users have none and the secret has no value', () => {
      for (const user of users) {
        expect(user).not.toHaveProperty('password');
        expect(user).not.toHaveProperty('temporary_password');
      }
      expect(identity.resources('aws_secretsmanager_secret_version')).toEqual({});
      expect(identity.resource('aws_secretsmanager_secret').name).toBe('shop-platform-TestUsersPassword');
    });

    it('sets the password with a provisioner that may only do that', () => {
      const role = Object.values(identity.resources('aws_iam_role_policy'))[0];
      const statements = policyOf(role).Statement.filter((statement) => !['OwnLogs', 'Traces'].includes(statement.Sid as string));
      expect(statements).toEqual([
        {
          Sid: 'UserPool',
          Effect: 'Allow',
          Action: ['cognito-idp:AdminSetUserPassword'],
          Resource: identity.ref('aws_cognito_user_pool', 'arn'),
        },
        {
          Sid: 'TestUsersSecret',
          Effect: 'Allow',
          Action: ['secretsmanager:GetSecretValue', 'secretsmanager:PutSecretValue'],
          Resource: identity.ref('aws_secretsmanager_secret', 'arn'),
        },
      ]);
      const invocation = identity.resource('aws_lambda_invocation');
      expect(JSON.parse(invocation.input as string)).toEqual({
        usernames: Object.values(testUsers).map((user) =>
          identity.ref('aws_cognito_user', 'username', (resource) => resource.username === user.email),
        ),
      });
    });

    it('can be switched off', () => {
      const withoutUsers = synthStacks({ SHOP_TEST_USERS: 'false' }).identity;
      expect(withoutUsers.resources('aws_cognito_user')).toEqual({});
      expect(withoutUsers.resources('aws_secretsmanager_secret')).toEqual({});
      expect(withoutUsers.resources('aws_lambda_function')).toEqual({});
    });
  });

  it('outputs the pool ids, the client id, the four roles and the secret name', () => {
    expect(Object.keys(identity.outputs).filter((name) => !name.startsWith('cross-stack')).sort()).toEqual([
      'admin_role',
      'customer_role',
      'guest_role',
      'identity_pool_id',
      'shop_owner_role',
      'test_users_secret_name',
      'user_pool_arn',
      'user_pool_client_id',
      'user_pool_id',
    ]);
  });
});
