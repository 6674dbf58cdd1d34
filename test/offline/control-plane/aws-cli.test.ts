import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { awsCliEnvironment } from '../../support/aws-cli-environment';
import { startTestControlPlane, type TestControlPlane } from './support/server';
import { requireTool } from '../../support/require-tool';
import { missingAwsCli } from '../../support/aws-cli';

const run = promisify(execFile);

const describeWithCli = requireTool('the AWS CLI', missingAwsCli()).describe;

/**
 * What the control plane's refusals look like through the real AWS CLI. The
 * README's calls that succeed (pools, secret, sign-in, identity and its
 * credentials) run with both CLI versions in test/offline/runtime/aws-cli-walkthrough.test.ts.
 */
describeWithCli('the control plane through the AWS CLI', () => {
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
