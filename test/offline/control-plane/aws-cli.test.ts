import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { awsCliEnvironment } from '../../support/aws-cli-environment';
import { startTestControlPlane, type TestControlPlane } from './support/server';
import { requireTool } from '../../support/require-tool';
import { missingAwsCli } from '../../support/aws-cli';

const run = promisify(execFile);

const describeWithCli = requireTool('the AWS CLI', missingAwsCli()).describe;

/** The walkthrough once more with the real AWS CLI, as the README tells people to run it. */
describeWithCli('walkthrough with the AWS CLI', () => {
  let harness: TestControlPlane;
  beforeAll(async () => {
    harness = await startTestControlPlane();
  });
  afterAll(() => harness.close());

  async function aws(...args: string[]): Promise<Record<string, unknown>> {
    const { stdout } = await run('aws', [...args, '--endpoint-url', harness.endpoint, '--output', 'json'], {
      env: awsCliEnvironment({ AWS_DEFAULT_REGION: 'eu-central-1' }),
    });
    return JSON.parse(stdout) as Record<string, unknown>;
  }

  it('lists pools, reads the secret, signs in, and gets shop-owner credentials', async () => {
    const { ids } = harness.plane;
    const pools = await aws('cognito-idp', 'list-user-pools', '--max-results', '60');
    expect(pools.UserPools).toEqual([expect.objectContaining({ Id: ids.userPoolId, Name: 'shop-platform-UserPool' })]);

    const secret = await aws('secretsmanager', 'get-secret-value', '--secret-id', 'shop-platform-TestUsersPassword');
    expect(secret).toMatchObject({ Name: 'shop-platform-TestUsersPassword', ARN: harness.secret?.arn });
    const { password } = JSON.parse(String(secret.SecretString)) as { password: string };

    const auth = await aws(
      'cognito-idp', 'initiate-auth', '--auth-flow', 'USER_PASSWORD_AUTH', '--client-id', ids.userPoolClientId,
      '--auth-parameters', `USERNAME=shop1owner@example.com,PASSWORD=${password}`,
    );
    const idToken = (auth.AuthenticationResult as { IdToken: string }).IdToken;
    expect(idToken.split('.')).toHaveLength(3);

    const logins = JSON.stringify({ [ids.userPoolProviderName]: idToken });
    const identity = await aws('cognito-identity', 'get-id', '--identity-pool-id', ids.identityPoolId, '--logins', logins);
    expect(identity.IdentityId).toMatch(/^eu-central-1:/);

    const credentials = await aws('cognito-identity', 'get-credentials-for-identity', '--identity-id', String(identity.IdentityId), '--logins', logins);
    const issued = credentials.Credentials as { AccessKeyId: string; SecretKey: string };
    const principal = harness.plane.credentials.lookup(issued.AccessKeyId)?.principal;
    expect(principal).toMatchObject({
      kind: 'assumed-role',
      roleName: 'shop-platform-IdentityPool-ShopOwnerRole',
      principalTags: expect.objectContaining({ shopId: '0001' }),
    });
  });

  it('reports unsupported operations and refused logins through the CLI', async () => {
    await expect(aws('cognito-idp', 'delete-user-pool', '--user-pool-id', harness.plane.ids.userPoolId)).rejects.toMatchObject({
      stderr: expect.stringContaining('Operation cognito-idp:DeleteUserPool is not supported by the offline runtime'),
    });
    const guest = await aws('cognito-identity', 'get-id', '--identity-pool-id', harness.plane.ids.identityPoolId);
    await expect(aws('cognito-identity', 'get-open-id-token', '--identity-id', String(guest.IdentityId))).rejects.toMatchObject({
      stderr: expect.stringContaining('Basic (classic) flow is not enabled, please use enhanced flow.'),
    });
  });
});
