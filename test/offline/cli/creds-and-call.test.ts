import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeOutputsFile } from '../../../offline/outputs';
import { awsCliEnvironment } from '../../support/aws-cli-environment';
import { startOfflinePlatform, type OfflinePlatform } from '../../support/offline-platform';
import { signedFetch } from '../../support/signed-fetch';
import { requireTool } from '../../support/require-tool';
import { missingAwsCli } from '../../support/aws-cli';
import { scriptRun, type NpmRun } from '../../support/npm-run';

/**
 * `npm run creds` and `npm run call`, run as a user runs them (the scripts'
 * commands from package.json, a shell environment, outputs.json in the data
 * directory), against a running platform. The AWS CLI's credential_process runs
 * `npm run creds` through npm itself.
 */
const repositoryRoot = join(__dirname, '..', '..', '..');
const dataDirectory = mkdtempSync(join(tmpdir(), 'shop-cli-'));
let platform: OfflinePlatform;

beforeAll(async () => {
  platform = await startOfflinePlatform();
  writeOutputsFile(dataDirectory, { ...platform.runtime.outputs, dataDirectory });
});
afterAll(async () => {
  await platform.close();
});

const runScript = (script: string, args: string[], env: Record<string, string> = {}) => scriptRun(script, args, { SHOP_DATA_DIR: dataDirectory, ...env });
const bodyOf = (stdout: string) => JSON.parse(stdout.slice(stdout.indexOf('\n') + 1)) as Record<string, unknown>;

describe('npm run call', () => {
  it("prints the registered customer's orders for GET /orders, and only theirs", async () => {
    const run = await runScript('call', ['--as', 'registeredcustomer1@example.com', 'GET', '/orders']);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout.split('\n')[0]).toBe('HTTP 200 OK');
    const { orders } = bodyOf(run.stdout) as { orders: Array<{ customerId: string }> };
    expect(orders.length).toBeGreaterThan(0);
    expect(new Set(orders.map((order) => order.customerId)).size).toBe(1);
  });

  it("fills in the shop's current token with --shop, and sends --data as the JSON body (a guest orders: 201)", async () => {
    const listed = await runScript('call', ['--as', 'guest', '--shop', '0001', 'GET', '/products?shopId=0001']);
    expect(listed.code).toBe(0);
    expect(bodyOf(listed.stdout)).toMatchObject({ shopId: '0001', productsList: expect.any(Array) });
    const order = JSON.stringify({ shopId: '0001', phoneNumber: '+41790000123', name: 'Ada', items: [{ productId: '0011', quantity: 1 }] });
    const placed = await runScript('call', ['--as', 'guest', '--shop', '0001', '--include', '--data', order, 'POST', '/order']);
    expect(placed.code).toBe(0);
    expect(placed.stdout).toMatch(/^HTTP 201 Created\n(.|\n)*x-amzn-requestid: /);
  });

  it("exits 1 with the platform's refusal for an answer that is not 2xx", async () => {
    const run = await runScript('call', ['--as', 'shop2owner@example.com', 'GET', '/shop/0001']);
    expect(run.code).toBe(1);
    expect(run.stdout.split('\n')[0]).toBe('HTTP 403 Forbidden');
    expect(bodyOf(run.stdout).Message).toMatch(/ShopOwnerRole\/CognitoIdentityCredentials is not authorized to perform: execute-api:Invoke/);
  });

  it.each([
    [['GET', '/orders'], 'Say who calls with --as <email|guest>'],
    [['--as', 'guest', 'GET'], 'Give a METHOD and a PATH'],
    [['--as', 'guest', '--data', '{oops', 'POST', '/order'], '--data is not JSON'],
    [['--as', 'someone', 'GET', '/orders'], '"someone" is neither an e-mail address nor guest'],
    [['--as', 'guest', '--shop', '0404', 'GET', '/products?shopId=0404'], 'Shop 0404 does not exist or has no token yet'],
  ])('exits 2 naming the problem for %j', async (args, message) => {
    const run = await runScript('call', args);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });

  it('says to start the platform when the data directory has no outputs.json (exit 3)', async () => {
    const run = await runScript('call', ['--as', 'guest', 'GET', '/orders'], { SHOP_DATA_DIR: mkdtempSync(join(tmpdir(), 'shop-cli-empty-')) });
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/^No .*outputs\.json: start the offline platform first \(npm start\)/);
  });
});

describe('npm run creds', () => {
  it('prints export lines a shell can eval; the credentials call the API as that user', async () => {
    const run = await runScript('creds', ['registeredcustomer1@example.com']);
    expect(run.code).toBe(0);
    const exported = Object.fromEntries([...run.stdout.matchAll(/^export (\w+)='([^']*)'$/gm)].map((match) => [match[1], match[2]]));
    expect(Object.keys(exported).sort()).toEqual(['AWS_ACCESS_KEY_ID', 'AWS_REGION', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN']);
    const answer = await signedFetch(platform.endpoint, {
      accessKeyId: exported.AWS_ACCESS_KEY_ID,
      secretAccessKey: exported.AWS_SECRET_ACCESS_KEY,
      sessionToken: exported.AWS_SESSION_TOKEN,
    }, { path: '/prod/orders' });
    expect(answer.status).toBe(200);
  });

  it('prints JSON with the identity id and expiry (--json)', async () => {
    const run = await runScript('creds', ['guest', '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      accessKeyId: expect.stringMatching(/^ASIA/),
      secretAccessKey: expect.any(String),
      sessionToken: expect.any(String),
      identityId: expect.stringMatching(/^eu-central-1:/),
      expiration: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      region: 'eu-central-1',
      endpoint: platform.endpoint,
    });
  });

  requireTool('the AWS CLI', missingAwsCli()).it('works as an AWS CLI profile’s credential_process: the CLI signs as the guest role', async () => {
    const config = join(dataDirectory, 'aws-config');
    writeFileSync(
      config,
      `[profile shop-guest]\nregion = eu-central-1\ncredential_process = npm run --silent --prefix ${repositoryRoot} creds -- guest --credential-process\n`,
    );
    const env = awsCliEnvironment({ AWS_CONFIG_FILE: config, SHOP_DATA_DIR: dataDirectory });
    delete (env as Partial<typeof env>).AWS_ACCESS_KEY_ID;
    delete (env as Partial<typeof env>).AWS_SECRET_ACCESS_KEY;
    const functionName = String(platform.runtime.outputs.stackOutputs.api.reconcile_aggregates_function);
    const run = await new Promise<NpmRun>((resolve) =>
      execFile(
        'aws',
        ['lambda', 'invoke', '--function-name', functionName, '--profile', 'shop-guest', '--endpoint-url', platform.endpoint, join(dataDirectory, 'out.json')],
        { env },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      ),
    );
    // Guests may not invoke functions: the refusal names the caller the CLI signed as.
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/assumed-role\/shop-platform-IdentityPool-UnauthenticatedRole\/CognitoIdentityCredentials is not authorized to perform: lambda:InvokeFunction/);
  });
});
