import { ConfirmSignUpCommand, SignUpCommand } from '@aws-sdk/client-cognito-identity-provider';
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { testUsers } from '../../../platform/test-users';
import { copyOfAppliedData } from '../../support/applied-data';
import { startOfflinePlatform, type OfflinePlatform } from '../../support/offline-platform';
import { mutatedStacks, type StackJson } from '../../support/test-stacks';

/**
 * The offline platform runs the synthesized stacks, so changing one setting in
 * a copy of `cdk.tf.json` changes what the platform does: each test makes one
 * change and shows its effect, proving the offline proofs are proofs of what
 * `cdktf deploy` applies.
 */
type Resources = Record<string, Record<string, Record<string, unknown>>>;

function resourcesOf(config: StackJson): Resources {
  return config.resource as Resources;
}

/** The one resource of a type whose name starts with `prefix` (cdktf appends a hash). */
function resource(config: StackJson, type: string, prefix: string): Record<string, unknown> {
  const matches = Object.entries(resourcesOf(config)[type]).filter(([name]) => name.startsWith(prefix));
  if (matches.length !== 1) throw new Error(`Expected one ${type} named ${prefix}*, found ${matches.length}`);
  return matches[0][1];
}

interface Policy {
  Statement: Array<{ Resource?: string | string[]; Condition?: Record<string, Record<string, unknown>>; Action?: string | string[] }>;
}

/** Edits an IAM policy argument (JSON text) in place. */
function editPolicy(target: Record<string, unknown>, argument: string, change: (policy: Policy) => void): void {
  const policy = JSON.parse(String(target[argument])) as Policy;
  change(policy);
  target[argument] = JSON.stringify(policy);
}

/**
 * The changed stacks started on a copy of the data directory where the
 * unchanged ones were applied: a change deployed onto a running platform, as
 * `npm start` runs changed stacks on `.local-data` (and `terraform apply` on
 * an existing deployment). Had the data kept anything of the old stacks, the
 * change would not show and the test would fail.
 */
const started: Array<{ platform: OfflinePlatform; stacks: string }> = [];
async function startWith(stacks: string): Promise<OfflinePlatform> {
  const platform = await startOfflinePlatform({ stacksDirectory: stacks, inMemory: false, dataDirectory: await copyOfAppliedData() });
  started.push({ platform, stacks });
  return platform;
}
afterAll(async () => {
  for (const { platform, stacks } of started) {
    await platform.close();
    rmSync(dirname(stacks), { recursive: true, force: true });
  }
});

const customer = testUsers.registeredCustomer1.email;

describe('the offline platform runs exactly what the synthesized stacks say', () => {
  it("removing GET /orders from the customers' invoke policy gives customers the IAM 403", async () => {
    const platform = await startWith(
      mutatedStacks('api', (config) => {
        editPolicy(resource(config, 'aws_iam_role_policy', 'caller-invoke-policies_customer_'), 'policy', (policy) => {
          const grants = policy.Statement[0].Resource;
          policy.Statement[0].Resource = (Array.isArray(grants) ? grants : [String(grants)]).filter((grant) => !grant.endsWith('/prod/GET/orders'));
        });
      }),
    );
    const answer = await platform.call(await platform.credentials({ email: customer }), { path: '/prod/orders' });
    expect(answer.status).toBe(403);
    expect(answer.body).toEqual({
      Message: expect.stringMatching(
        /^User: arn:aws:sts::000000000000:assumed-role\/shop-platform-IdentityPool-AuthenticatedDefaultRole\/CognitoIdentityCredentials is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:eu-central-1:000000000000:[a-z0-9]{10}\/prod\/GET\/orders$/,
      ),
    });
    // The guests' policy is a resource of its own, and unchanged.
    expect((await platform.call(await platform.credentials({ guest: true }), { path: '/prod/orders' })).status).toBe(200);
  });

  it('letting the app client write custom:role lets a self-signed-up user claim the admin role', async () => {
    const platform = await startWith(
      mutatedStacks('identity', (config) => {
        const client = resource(config, 'aws_cognito_user_pool_client', 'user-pool_client_');
        client.write_attributes = [...(client.write_attributes as string[]), 'custom:role'];
      }),
    );
    const { userPoolClientId: ClientId } = platform.runtime.outputs;
    const email = 'claims-admin@example.com';
    await platform.clients.idp.send(
      new SignUpCommand({ ClientId, Username: email, Password: 'Claim1Admin', UserAttributes: [{ Name: 'custom:role', Value: 'admin' }] }),
    );
    const code = platform.messages.find((line) => line.startsWith(`Confirmation code for ${email}: `))?.split(': ')[1];
    await platform.clients.idp.send(new ConfirmSignUpCommand({ ClientId, Username: email, ConfirmationCode: code }));
    const stats = await platform.call(await platform.credentials({ email, password: 'Claim1Admin' }), { path: '/prod/service-stats' });
    expect(stats.status).toBe(200);
  });

  it("breaking the amr condition of the customers' trust policy leaves signed-in customers without credentials", async () => {
    const platform = await startWith(
      mutatedStacks('identity', (config) => {
        editPolicy(resource(config, 'aws_iam_role', 'identity-pool_role-customer_'), 'assume_role_policy', (policy) => {
          const condition = policy.Statement[0].Condition ?? {};
          condition['ForAnyValue:StringLike'] = { 'cognito-identity.amazonaws.com:amr': 'unauthenticated' };
        });
      }),
    );
    await expect(platform.credentials({ email: customer })).rejects.toMatchObject({
      name: 'InvalidIdentityPoolConfigurationException',
      message: 'Invalid identity pool configuration. Check assigned IAM roles for this pool.',
    });
    await expect(platform.credentials({ email: testUsers.shop1Owner.email })).resolves.toMatchObject({ accessKeyId: expect.any(String) });
    await expect(platform.credentials({ guest: true })).resolves.toMatchObject({ accessKeyId: expect.any(String) });
  });

  it("without sts:TagSession in the shop owners' trust policy, owners get no credentials (Cognito passes principal tags)", async () => {
    const platform = await startWith(
      mutatedStacks('identity', (config) => {
        editPolicy(resource(config, 'aws_iam_role', 'identity-pool_role-shopOwner_'), 'assume_role_policy', (policy) => {
          policy.Statement[0].Action = 'sts:AssumeRoleWithWebIdentity';
        });
      }),
    );
    await expect(platform.credentials({ email: testUsers.shop1Owner.email })).rejects.toMatchObject({ name: 'InvalidIdentityPoolConfigurationException' });
  });

  it("a guest role granted more than the API is still held to Cognito's session policies", async () => {
    const platform = await startWith(
      mutatedStacks('api', (config) => {
        editPolicy(resource(config, 'aws_iam_role_policy', 'caller-invoke-policies_guest_'), 'policy', (policy) => {
          policy.Statement.push({ Action: 'secretsmanager:GetSecretValue', Resource: '*', Effect: 'Allow' } as Policy['Statement'][number]);
        });
      }),
    );
    const guest = await platform.credentials({ guest: true });
    const { SecretsManagerClient, GetSecretValueCommand } = await import('@aws-sdk/client-secrets-manager');
    const secrets = new SecretsManagerClient({ endpoint: platform.endpoint, region: platform.settings.region, credentials: guest });
    await expect(secrets.send(new GetSecretValueCommand({ SecretId: platform.runtime.outputs.testUsersSecretName }))).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message: expect.stringContaining('because no session policy allows the secretsmanager:GetSecretValue action'),
    });
    secrets.destroy();
  });

  it("an explicit Deny on shop sales in the owners' invoke policy holds against a percent-encoded path (/shop/0001/%73ales)", async () => {
    const platform = await startWith(
      mutatedStacks('api', (config) => {
        editPolicy(resource(config, 'aws_iam_role_policy', 'caller-invoke-policies_shopOwner_'), 'policy', (policy) => {
          const products = String(([] as string[]).concat(policy.Statement[0].Resource ?? []).find((grant) => grant.endsWith('/prod/GET/products')));
          const sales = products.replace(/\/products$/, '/shop/*/sales');
          policy.Statement.push({ Effect: 'Deny', Action: 'execute-api:Invoke', Resource: sales } as Policy['Statement'][number]);
        });
      }),
    );
    const owner = platform.call.bind(platform);
    const credentials = await platform.credentials({ email: testUsers.shop1Owner.email });
    expect((await owner(credentials, { path: '/prod/shop/0001' })).status).toBe(200);
    for (const path of ['/prod/shop/0001/sales', '/prod/shop/0001/%73ales', '/prod/shop/0001/%73%61%6C%65%73']) {
      const answer = await owner(credentials, { path });
      expect({ path, status: answer.status, body: answer.body }).toEqual({
        path,
        status: 403,
        body: { Message: expect.stringMatching(/on resource: arn:aws:execute-api:eu-central-1:000000000000:[a-z0-9]{10}\/prod\/GET\/shop\/0001\/sales with an explicit deny$/) },
      });
    }
  });

  it("setting SHOP_TOKEN_GRACE_SECONDS to 0 in rotate-shop-token's environment ends the old token's grace window", async () => {
    const graceOf = async (platform: OfflinePlatform) => {
      const owner = await platform.credentials({ email: testUsers.shop1Owner.email });
      const guest = await platform.credentials({ guest: true });
      const before = await platform.shopToken('0001');
      expect((await platform.call(owner, { method: 'POST', path: '/prod/shop/0001/token' })).status).toBe(200);
      return (await platform.call(guest, { path: `/prod/products?shopId=0001&shopToken=${before}` })).status;
    };
    const unchanged = await startOfflinePlatform();
    try {
      expect(await graceOf(unchanged)).toBe(200);
    } finally {
      await unchanged.close();
    }
    const platform = await startWith(
      mutatedStacks('api', (config) => {
        const fn = resource(config, 'aws_lambda_function', 'rotate-shop-token_function_');
        const environment = fn.environment as { variables: Record<string, string> };
        environment.variables.SHOP_TOKEN_GRACE_SECONDS = '0';
      }),
    );
    expect(await graceOf(platform)).toBe(401);
  });

  it('dropping the Lambda permission of one route makes API Gateway answer 500 there, as it does on AWS', async () => {
    const platform = await startWith(
      mutatedStacks('api', (config) => {
        const permissions = resourcesOf(config).aws_lambda_permission;
        const [name] = Object.keys(permissions).filter((key) => key.startsWith('rest-api_invoke-listProducts_'));
        delete permissions[name];
      }),
    );
    const guest = await platform.credentials({ guest: true });
    const token = await platform.shopToken('0001');
    const products = await platform.call(guest, { path: `/prod/products?shopId=0001&shopToken=${token}` });
    expect([products.status, products.body]).toEqual([500, { message: 'Internal server error' }]);
    expect(platform.messages).toContainEqual(expect.stringMatching(/^Execution failed due to configuration error: Invalid permissions on Lambda function/));
    expect((await platform.call(guest, { path: '/prod/orders' })).status).toBe(200);
  });

  it('a permission for another API does not let this one invoke the function', async () => {
    const platform = await startWith(
      mutatedStacks('api', (config) => {
        const permission = resource(config, 'aws_lambda_permission', 'rest-api_invoke-listMyOrders_');
        permission.source_arn = 'arn:aws:execute-api:eu-central-1:000000000000:otherapi01/*/GET/orders';
      }),
    );
    const answer = await platform.call(await platform.credentials({ guest: true }), { path: '/prod/orders' });
    expect(answer.status).toBe(500);
  });
});

describe('the offline platform refuses to start what it cannot run as AWS would', () => {
  const refusal = async (stacks: string) => {
    try {
      const platform = await startOfflinePlatform({ stacksDirectory: stacks });
      await platform.close();
      return undefined;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    } finally {
      rmSync(dirname(stacks), { recursive: true, force: true });
    }
  };

  it.each([
    [
      'an argument it does not know on a role',
      'identity',
      (config: StackJson) => {
        resource(config, 'aws_iam_role', 'identity-pool_role-guest_').shiny_new_setting = true;
      },
      /^identity: aws_iam_role\.identity-pool_role-guest_[0-9A-F]{8} shiny_new_setting: is not understood by the offline runtime/,
    ],
    [
      'a permissions boundary',
      'identity',
      (config: StackJson) => {
        resource(config, 'aws_iam_role', 'identity-pool_role-admin_').permissions_boundary = 'arn:aws:iam::aws:policy/PowerUserAccess';
      },
      /identity: aws_iam_role\.identity-pool_role-admin_[0-9A-F]{8} permissions_boundary: is set, but permissions boundaries are not evaluated offline/,
    ],
    [
      'an unknown setting inside a nested block',
      'identity',
      (config: StackJson) => {
        const pool = resource(config, 'aws_cognito_user_pool', 'user-pool_');
        (pool.password_policy as Record<string, unknown>).password_expiry_days = 30;
      },
      /identity: aws_cognito_user_pool\.user-pool_[0-9A-F]{8} password_policy\.password_expiry_days: is not understood/,
    ],
    [
      'a resource type it neither emulates nor declares not emulated',
      'data',
      (config: StackJson) => {
        resourcesOf(config).aws_sqs_queue = { orders: { name: 'orders' } };
      },
      /^data: aws_sqs_queue\.orders: the resource type aws_sqs_queue is neither emulated nor declared not emulated/,
    ],
    [
      'a managed policy it does not know, attached to a role it assumes',
      'api',
      (config: StackJson) => {
        resourcesOf(config).aws_iam_role_policy_attachment['guest-extra'] = {
          role: 'shop-platform-IdentityPool-UnauthenticatedRole',
          policy_arn: 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess',
        };
      },
      /api\.aws_iam_role_policy_attachment\.guest-extra: attaches arn:aws:iam::aws:policy\/AmazonS3ReadOnlyAccess to shop-platform-IdentityPool-UnauthenticatedRole, which the identity pool hands out/,
    ],
    [
      'a function call where a value is needed',
      'api',
      (config: StackJson) => {
        const fn = resource(config, 'aws_lambda_function', 'get-shop_function_');
        (fn.environment as { variables: Record<string, string> }).variables.TABLE_NAME = '${upper("orders")}';
      },
      /api: aws_lambda_function\.get-shop_function_[0-9A-F]{8} environment\.variables\.TABLE_NAME: the function call \$\{upper\("orders"\)\} is not evaluated/,
    ],
    [
      'a package that is not the one source_code_hash names',
      'api',
      (config: StackJson) => {
        resource(config, 'aws_lambda_function', 'get-shop_function_').source_code_hash = 'bm90IHRoZSBzYW1lIHBhY2thZ2UgYXQgYWxsIQ==';
      },
      /source_code_hash: bm90IHRoZSBzYW1lIHBhY2thZ2UgYXQgYWxsIQ== does not match the package/,
    ],
  ])('%s', async (_what, stack, change, message) => {
    expect(await refusal(mutatedStacks(stack, change))).toMatch(message);
  });
});
