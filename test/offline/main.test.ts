import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { repositoryRoot } from '../../bundling/bundle-lambda';
import { copyOfAppliedData } from '../support/applied-data';
import { npmScriptNodeArguments } from '../support/npm-script';
import { mutatedStacks, testStacksDirectory } from '../support/test-stacks';
import { childEnvironment } from '../support/child-environment';

/** `npm start`'s command, as package.json has it: these run what a user runs. */
const npmStart = npmScriptNodeArguments('start');

interface Run {
  output: () => string;
  exited: Promise<number | null>;
  stop: () => void;
}

function run(args: string[], env: Record<string, string> = {}): Run {
  const child = spawn(process.execPath, [...npmStart, ...args], {
    cwd: repositoryRoot,
    env: childEnvironment(env),
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return {
    output: () => output,
    exited: new Promise((resolve) => child.on('exit', (code) => resolve(code))),
    stop: () => child.kill('SIGTERM'),
  };
}

async function waitFor(runCommand: Run, text: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!runCommand.output().includes(text)) {
    if (Date.now() > deadline) throw new Error(`No "${text}" in:\n${runCommand.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function helpText(): Promise<string> {
  const help = run(['--help']);
  await help.exited;
  return help.output();
}

/** `npm start` against its own cdktf.out, so the checkout's is left alone. */
const outdir = join(mkdtempSync(join(tmpdir(), 'npm-start-synth-')), 'cdktf.out');

/** The first start's data directory: later starts of the same stacks find everything applied there (a warm start). */
const dataDirectory = join(mkdtempSync(join(tmpdir(), 'npm-start-')), 'data');
afterAll(() => {
  for (const directory of [outdir, dataDirectory]) rmSync(dirname(directory), { recursive: true, force: true });
});

describe('npm start', () => {
  it('synthesizes the stacks when there are none, prints the banner, writes outputs.json, serves, and stops cleanly', async () => {
    const started = run(['--quiet'], { PORT: '0', SHOP_DATA_DIR: dataDirectory, CDKTF_OUTDIR: outdir });
    await waitFor(started, 'Ready in');
    const banner = started.output();
    expect(banner).toContain(`Synthesizing the stacks into ${outdir} (${outdir} holds no synthesized stacks) ...`);
    const endpoint = /Endpoint\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(banner)?.[1];
    expect(endpoint).toBeDefined();
    const outputs = JSON.parse(readFileSync(join(dataDirectory, 'outputs.json'), 'utf8'));
    expect(outputs).toMatchObject({ endpoint, region: 'eu-central-1', accountId: '000000000000', apiUrl: `${endpoint}/prod`, stage: 'prod' });
    expect(outputs.stackOutputs.identity).toMatchObject({ user_pool_id: outputs.userPoolId, identity_pool_id: outputs.identityPoolId });
    for (const value of [outputs.userPoolId, outputs.userPoolClientId, outputs.identityPoolId, outputs.apiId, outputs.testUsersSecretName]) {
      expect(banner).toContain(value);
    }
    expect(banner).toContain('registeredcustomer1@example.com');
    expect(banner).toContain('aws cognito-identity get-credentials-for-identity');
    expect(banner).toMatch(/Shop tokens\s+shop 0001: [2-9A-HJ-NP-Z]{10}, shop 0002: [2-9A-HJ-NP-Z]{10}/);
    // The shared password is in the secret the provisioner filled, never in the banner.
    const [secret] = JSON.parse(readFileSync(join(dataDirectory, 'created-secrets.json'), 'utf8')) as Array<{ current: { value: string } }>;
    const { password } = JSON.parse(secret.current.value) as { password: string };
    expect(password).toMatch(/^[A-Za-z0-9_.-]{24}$/);
    expect(banner).not.toContain(password);
    // npm start hashes passwords at the standard cost (the suites' in-process platforms use less).
    const { users } = JSON.parse(readFileSync(join(dataDirectory, 'users.json'), 'utf8')) as { users: Record<string, { passwordHash: string }> };
    const hashes = Object.values(users).map((user) => user.passwordHash);
    expect(hashes.length).toBeGreaterThan(0);
    expect(hashes.filter((hash) => !hash.startsWith('scrypt$16384$8$1$'))).toEqual([]);

    const unsigned = await fetch(`${endpoint}/prod/products`);
    expect([unsigned.status, await unsigned.json()]).toEqual([403, { message: 'Missing Authentication Token' }]);

    // A reset (the command --help shows) seeds new shop tokens, and outputs.json says which.
    const resetCommand = /^\s+(curl -X POST --aws-sigv4 .+\/_platform\/reset)$/m.exec(await helpText())?.[1];
    expect(resetCommand).toBeDefined();
    const reset = spawnSync('sh', ['-c', `${resetCommand!.replace(/<region>/, 'eu-central-1').replace(/http:\/\/127\.0\.0\.1:\d+/, endpoint!)} -s`], { encoding: 'utf8' });
    expect(JSON.parse(reset.stdout)).toMatchObject({ status: 'reset' });
    await waitFor(started, 'Reset to the seeded state in');
    const tokensAfterReset = (JSON.parse(readFileSync(join(dataDirectory, 'outputs.json'), 'utf8'))).shopTokensAtStart;
    expect(Object.keys(tokensAfterReset).sort()).toEqual(['0001', '0002']);
    expect(tokensAfterReset['0001']).not.toBe(outputs.shopTokensAtStart['0001']);

    started.stop();
    expect(await started.exited).toBe(0);
    // Everything it wrote, DynamoDB's files included, is owner-only.
    const modes = (directory: string): string[] =>
      readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
        const path = join(directory, entry.name);
        const mode = `${path.slice(dataDirectory.length + 1)} ${(statSync(path).mode & 0o777).toString(8)}`;
        return entry.isDirectory() ? [mode, ...modes(path)] : [mode];
      });
    const written = modes(dataDirectory);
    expect(written.filter((line) => !/ (600|700)$/.test(line))).toEqual([]);
    expect(written).toEqual(expect.arrayContaining([expect.stringMatching(/^dynamodb\/.+ 600$/)]));
  });

  it.each([['--help'], ['-h']])('%s describes every flag and exits 0', async (flag) => {
    const help = run([flag]);
    expect(await help.exited).toBe(0);
    for (const option of ['--reset', '--in-memory', '--quiet', '--verbose', '--stacks DIR', '--explain', '-h, --help', '/_platform/reset']) {
      expect(help.output()).toContain(option);
    }
  });

  it('runs up-to-date stacks without synthesizing, and synthesizes again when a setting changes', async () => {
    const warm = run(['--quiet'], { PORT: '0', CDKTF_OUTDIR: outdir, SHOP_DATA_DIR: dataDirectory });
    await waitFor(warm, 'Ready in');
    expect(warm.output()).not.toContain('Synthesizing');
    warm.stop();
    expect(await warm.exited).toBe(0);

    const changed = run(['--quiet'], { PORT: '0', CDKTF_OUTDIR: outdir, SHOP_DATA_DIR: dataDirectory, SHOP_TOKEN_GRACE_SECONDS: '60' });
    await waitFor(changed, 'Ready in');
    expect(changed.output()).toContain('(the settings (SHOP_*, AWS_REGION) changed since the last synthesis)');
    changed.stop();
    expect(await changed.exited).toBe(0);
    expect(readFileSync(join(outdir, 'stacks', 'api', 'cdk.tf.json'), 'utf8')).toContain('"SHOP_TOKEN_GRACE_SECONDS": "60"');
  });

  it('runs the directory --stacks names as it is', async () => {
    const given = run(['--quiet', '--stacks', testStacksDirectory()], { PORT: '0', SHOP_DATA_DIR: await copyOfAppliedData() });
    await waitFor(given, 'Ready in');
    expect(given.output()).not.toContain('Synthesizing');
    expect(given.output()).toContain(`Stacks          ${testStacksDirectory()}`);
    given.stop();
    expect(await given.exited).toBe(0);
  });

  it('--explain lists what is not emulated, once, and exits', async () => {
    const explained = run(['--explain', '--stacks', testStacksDirectory()]);
    expect(await explained.exited).toBe(0);
    const output = explained.output();
    expect(output).toContain('Resources not emulated offline');
    expect(output).toContain('CloudWatch Logs: function logs and request lines are printed to the console instead');
    expect(output).toContain('api: aws_api_gateway_account.');
    expect(output).toMatch(/tracing_config: there is no X-Ray offline\n\s+on 12 resources: /);
    expect(output.match(/aws_cloudwatch_log_group\.get-order_logs/g)).toHaveLength(1);
  });

  it('refuses, in one line and exit code 3, a data directory a running platform uses and a port that is taken; warns about a reachable HOST', async () => {
    const dataDirectory = await copyOfAppliedData();
    const first = run(['--quiet', '--stacks', testStacksDirectory()], { PORT: '0', SHOP_DATA_DIR: dataDirectory });
    try {
      await waitFor(first, 'Ready in');
      const port = /Endpoint\s+http:\/\/127\.0\.0\.1:(\d+)/.exec(first.output())?.[1];
      const second = run(['--quiet', '--stacks', testStacksDirectory()], { PORT: '0', SHOP_DATA_DIR: dataDirectory });
      expect(await second.exited).toBe(3);
      expect(second.output().trim()).toMatch(
        /^The offline platform does not start: .*\/data is used by a running offline platform \(process \d+\)\. Stop it, or start this one with another SHOP_DATA_DIR or --in-memory\.$/,
      );
      const busy = run(['--quiet', '--in-memory', '--stacks', testStacksDirectory()], { PORT: String(port) });
      expect(await busy.exited).toBe(3);
      expect(busy.output().trim()).toBe(
        `The offline platform does not start: Port ${port} on 127.0.0.1 is in use (another npm start?). Stop it, or pick another port: PORT=${Number(port) + 1} npm start`,
      );
      const reachable = run(['--quiet', '--in-memory', '--stacks', testStacksDirectory()], { PORT: String(port), HOST: '0.0.0.0' });
      expect(await reachable.exited).toBe(3);
      expect(reachable.output()).toContain(
        'Warning: HOST=0.0.0.0 lets other machines reach the platform, and its administrator keys are test/test: set SHOP_ROOT_ACCESS_KEY_ID and SHOP_ROOT_SECRET_ACCESS_KEY, or keep HOST=127.0.0.1.',
      );
    } finally {
      first.stop();
      await first.exited;
    }
  });

  it('prints an access line per request by default, IAM allows only with --verbose', async () => {
    const started = run(['--in-memory', '--stacks', testStacksDirectory()], { PORT: '0' });
    try {
      await waitFor(started, 'Ready in');
      const endpoint = /Endpoint\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(started.output())?.[1];
      await fetch(`${endpoint}/prod/products`);
      await waitFor(started, '[access] ');
      expect(started.output()).toMatch(/\[access\] \S+ - GET \/prod\/products 403 \d+ms/);
      // Start-up alone makes dozens of allow decisions (the functions reading and writing the table).
      expect(started.output()).not.toMatch(/\[iam\] Allow: /);
    } finally {
      started.stop();
      await started.exited;
    }
  });

  it('refuses to start stacks it cannot run as AWS would, naming the resource and the attribute (exit code 3)', async () => {
    const stacks = mutatedStacks('api', (config) => {
      const functions = (config.resource as Record<string, Record<string, Record<string, unknown>>>).aws_lambda_function;
      const [name] = Object.keys(functions).filter((key) => key.startsWith('get-order_'));
      functions[name].layers = ['arn:aws:lambda:eu-central-1:123456789012:layer:extra:1'];
    });
    const refused = run(['--in-memory', '--stacks', stacks], { PORT: '0' });
    expect(await refused.exited).toBe(3);
    expect(refused.output()).toMatch(/api: aws_lambda_function\.get-order_function_[0-9A-F]{8} layers: is set, but layers are not emulated offline/);
  });

  it.each([
    [['--bogus'], {}, /Unknown option '--bogus'/],
    [['--reset', '--in-memory'], {}, /--reset and --in-memory do not go together/],
    [[], { PORT: 'eighty' }, /PORT="eighty" is not a port number/],
    [[], { SHOP_PREFIX: 'Not_Valid', CDKTF_OUTDIR: outdir }, /SHOP_PREFIX="Not_Valid" is not valid/],
    [[], { SHOP_ROOT_ACCESS_KEY_ID: 'admin' }, /Set both SHOP_ROOT_ACCESS_KEY_ID and SHOP_ROOT_SECRET_ACCESS_KEY/],
  ])('refuses %p %p with a message and exit code 2', async (args, env, message) => {
    const refused = run(args, env);
    expect(await refused.exited).toBe(2);
    expect(refused.output()).toMatch(message);
    expect(refused.output()).toContain('Usage: npm start');
  });
});
