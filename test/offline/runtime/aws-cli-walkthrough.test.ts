import { execFile } from 'node:child_process';
import { seedProducts } from '../../../platform/seed';
import { testAwsClis } from '../../support/aws-cli';
import { awsCliEnvironment } from '../../support/aws-cli-environment';
import { missingCommand, requireTool } from '../../support/require-tool';
import { startOfflinePlatform, type OfflinePlatform } from '../../support/offline-platform';

/**
 * The original README's walkthrough, command for command, with the real AWS CLI,
 * jq and `curl --aws-sigv4`; the only change is `--endpoint-url`.
 */
const missing = ['jq', 'curl'].flatMap((tool) => missingCommand(tool) ?? []);
const tools = requireTool('jq and curl', missing.length > 0 ? missing.join('; ') : undefined);

/** Every AWS CLI major version on this machine: v1 from PATH, v2 from Debian's package at /usr/bin/aws (or the installer's /usr/local/bin/aws). */
function awsClis(): Array<[string, string]> {
  const { byMajor } = testAwsClis();
  // Both major versions, as users have either (.ci/run installs v2 beside the image's v1).
  for (const major of ['1', '2']) requireTool(`AWS CLI v${major}`, byMajor[major] !== undefined ? undefined : `no \`aws\` on this machine reports version ${major}`);
  return Object.entries(byMajor).map(([major, binary]) => [`v${major}`, binary]);
}
const clis = tools.available ? awsClis() : [];

let platform: OfflinePlatform;
beforeAll(async () => {
  platform = await startOfflinePlatform();
});
afterAll(async () => {
  await platform.close();
});

/**
 * Runs a bash script with a clean AWS environment: only what the walkthrough
 * exports. Asynchronously: the runtime answering it lives in this process.
 */
function bash(awsBinary: string, script: string): Promise<{ status: number; stdout: string; stderr: string }> {
  const env = awsCliEnvironment({
    AWS_BIN: awsBinary,
    YOUR_REGION: 'eu-central-1',
    E: `--endpoint-url ${platform.endpoint}`,
  });
  return new Promise((resolve) => {
    execFile('bash', ['-c', `set -euo pipefail\naws() { "$AWS_BIN" "$@"; }\n${script}`], { encoding: 'utf8', env, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ status: error ? Number(error.code ?? 1) : 0, stdout: stdout.trim(), stderr: stderr.trim() });
    });
  });
}

/** The README's first steps: the pools, the app client and the test users' password. */
const lookUpPools = `
YOUR_USER_POOL_ID=$(aws cognito-idp list-user-pools --region eu-central-1 --max-results 60 $E | jq -r '.UserPools[].Id')
YOUR_IDENTITY_POOL_ID=$(aws cognito-identity list-identity-pools --max-results 60 --region $YOUR_REGION $E | jq -r '.IdentityPools[].IdentityPoolId')
YOUR_CLIENT_ID=$(aws cognito-idp list-user-pool-clients --user-pool-id $YOUR_USER_POOL_ID --region $YOUR_REGION $E | jq -r '.UserPoolClients[].ClientId')
YOUR_PASSWORD=$(aws secretsmanager get-secret-value --secret-id shop-platform-TestUsersPassword --region $YOUR_REGION $E | jq -r .SecretString | jq -r .password)
`;

/** The README's sign-in, up to the credentials of the signed-in user in KEY, SECRET and TOKEN. */
const signIn = (username: string) => `
YOUR_USERNAME=${username}
YOUR_ID_TOKEN=$(aws cognito-idp initiate-auth --auth-flow USER_PASSWORD_AUTH --client-id $YOUR_CLIENT_ID \\
  --auth-parameters USERNAME=$YOUR_USERNAME,PASSWORD=$YOUR_PASSWORD --region $YOUR_REGION $E | jq -r .AuthenticationResult.IdToken)
YOUR_IDENTITY_ID=$(aws cognito-identity get-id --identity-pool-id $YOUR_IDENTITY_POOL_ID \\
  --logins cognito-idp.$YOUR_REGION.amazonaws.com/$YOUR_USER_POOL_ID=$YOUR_ID_TOKEN --region $YOUR_REGION $E | jq -r '.IdentityId')
YOUR_CREDS=$(aws cognito-identity get-credentials-for-identity --identity-id $YOUR_IDENTITY_ID \\
  --logins cognito-idp.$YOUR_REGION.amazonaws.com/$YOUR_USER_POOL_ID=$YOUR_ID_TOKEN --region $YOUR_REGION $E)
KEY=$(echo $YOUR_CREDS | jq -r '.Credentials.AccessKeyId')
SECRET=$(echo $YOUR_CREDS | jq -r '.Credentials.SecretKey')
TOKEN=$(echo $YOUR_CREDS | jq -r '.Credentials.SessionToken')
`;

/** A guest skips the sign-in: an identity without logins, and its credentials. */
const guestCredentials = `
YOUR_IDENTITY_ID=$(aws cognito-identity get-id --identity-pool-id $YOUR_IDENTITY_POOL_ID --region $YOUR_REGION $E | jq -r '.IdentityId')
YOUR_CREDS=$(aws cognito-identity get-credentials-for-identity --identity-id $YOUR_IDENTITY_ID --region $YOUR_REGION $E)
KEY=$(echo $YOUR_CREDS | jq -r '.Credentials.AccessKeyId'); SECRET=$(echo $YOUR_CREDS | jq -r '.Credentials.SecretKey'); TOKEN=$(echo $YOUR_CREDS | jq -r '.Credentials.SessionToken')
`;

const curl = (path: string) =>
  `curl -s -w '\\n%{http_code}\\n' --aws-sigv4 "aws:amz:$YOUR_REGION:execute-api" --user "$KEY:$SECRET" -H "x-amz-security-token: $TOKEN" "${platform.endpoint}${path}"`;

function parseCurl(stdout: string) {
  const lines = stdout.split('\n');
  return { status: Number(lines.pop()), body: JSON.parse(lines.join('\n')) };
}

const each = clis.length > 0 ? describe.each(clis) : describe.skip.each([['none', '']]);

/** What the walkthrough printed, step by step: curl's body then its status code, or the AWS CLI's output. */
interface WalkthroughRun {
  status: number;
  stderr: string;
  steps: Map<string, string>;
}

/**
 * The README's walkthrough, run once per CLI version as a user would type it:
 * the pool ids and the password looked up once, then each user signs in and
 * makes their calls. Each step prints a `::step <name>` line before its output.
 */
async function walkthrough(awsBinary: string): Promise<WalkthroughRun> {
  const shopToken = await platform.shopToken('0001');
  const result = await bash(
    awsBinary,
    `${lookUpPools}
${signIn('registeredcustomer1@example.com')}
echo "::step customer products"; ${curl(`/prod/products?shopId=0001&shopToken=${shopToken}`)}
echo "::step customer shop orders"; ${curl('/prod/shop/0001/orders')}
echo "::step customer promotes itself"
AWS_ACCESS_KEY_ID=$KEY AWS_SECRET_ACCESS_KEY=$SECRET AWS_SESSION_TOKEN=$TOKEN \\
  aws cognito-idp admin-update-user-attributes --user-pool-id $YOUR_USER_POOL_ID --username $YOUR_USERNAME \\
  --user-attributes Name=custom:role,Value=admin --region $YOUR_REGION $E 2>&1 || true
${signIn('shop1owner@example.com')}
unset YOUR_PASSWORD
echo "::step owner shop orders"; ${curl('/prod/shop/0001/orders')}
${guestCredentials}
echo "::step guest orders"; ${curl('/prod/orders')}`,
  );
  const steps = new Map<string, string>();
  for (const section of result.stdout.split(/^::step /m).slice(1)) {
    const newline = section.indexOf('\n');
    steps.set(section.slice(0, newline), section.slice(newline + 1).trim());
  }
  return { ...result, steps };
}

each('the README walkthrough with the AWS CLI %s and curl', (_version, awsBinary) => {
  let run: WalkthroughRun;
  beforeAll(async () => {
    run = await walkthrough(awsBinary);
  }, 120_000);
  const step = (name: string): string => {
    const output = run.steps.get(name);
    if (output === undefined) throw new Error(`The walkthrough has no step "${name}"; it printed:\n${[...run.steps.keys()].join('\n')}\n${run.stderr}`);
    return output;
  };

  it('runs every step without an error', () => {
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
  });

  it('gives registeredcustomer1 the seed products of shop 0001', () => {
    const { status, body } = parseCurl(step('customer products'));
    expect(status).toBe(200);
    expect(body).toEqual({
      shopId: '0001',
      productsList: seedProducts
        .filter((product) => product.shopId === '0001')
        .map(({ shopId, productId, name, description, price }) => ({ shopId, productId, name, description, price })),
    });
  });

  it('denies the customer the shop orders with the message API Gateway sends', () => {
    const { status, body } = parseCurl(step('customer shop orders'));
    expect(status).toBe(403);
    expect(body.Message).toMatch(
      /^User: arn:aws:sts::000000000000:assumed-role\/shop-platform-IdentityPool-AuthenticatedDefaultRole\/CognitoIdentityCredentials is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:eu-central-1:000000000000:[a-z0-9]{10}\/prod\/GET\/shop\/0001\/orders$/,
    );
  });

  it('refuses, with AccessDeniedException, temporary credentials that try to promote themselves', () => {
    const output = step('customer promotes itself');
    expect(output).toContain('An error occurred (AccessDeniedException) when calling the AdminUpdateUserAttributes operation');
    expect(output).toContain('is not authorized to perform: cognito-idp:AdminUpdateUserAttributes');
  });

  it("lets shop1owner read its own shop's orders", () => {
    const { status, body } = parseCurl(step('owner shop orders'));
    expect(status).toBe(200);
    expect(body.orders.length).toBeGreaterThan(0);
    expect(body.orders.every((order: { shopId: string }) => order.shopId === '0001')).toBe(true);
  });

  it('refuses a guest identity the customer history of another identity', () => {
    const { status, body } = parseCurl(step('guest orders'));
    expect([status, body]).toEqual([200, { orders: [] }]);
  });
});
