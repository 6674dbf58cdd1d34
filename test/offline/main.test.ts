import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repositoryRoot } from '../../bundling/bundle-lambda';

/** `npm start` is `tsx offline/main.ts`; these run the same command as a user would. */
const tsx = join(repositoryRoot, 'node_modules', '.bin', 'tsx');
const main = join(repositoryRoot, 'offline', 'main.ts');

interface Run {
  output: () => string;
  exited: Promise<number | null>;
  stop: () => void;
}

function run(args: string[], env: Record<string, string> = {}): Run {
  const child = spawn(tsx, [main, ...args], {
    cwd: repositoryRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
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

async function waitFor(runCommand: Run, text: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!runCommand.output().includes(text)) {
    if (Date.now() > deadline) throw new Error(`No "${text}" in:\n${runCommand.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('npm start', () => {
  it('prints the banner, writes outputs.json, serves, and stops cleanly on SIGTERM', async () => {
    const dataDirectory = join(mkdtempSync(join(tmpdir(), 'npm-start-')), 'data');
    const started = run(['--quiet'], { PORT: '0', SHOP_DATA_DIR: dataDirectory });
    await waitFor(started, 'Ready in');
    const banner = started.output();
    const endpoint = /Endpoint\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(banner)?.[1];
    expect(endpoint).toBeDefined();
    const outputs = JSON.parse(readFileSync(join(dataDirectory, 'outputs.json'), 'utf8'));
    expect(outputs).toMatchObject({ endpoint, region: 'eu-central-1', accountId: '000000000000', apiUrl: `${endpoint}/prod`, stage: 'prod' });
    for (const value of [outputs.userPoolId, outputs.userPoolClientId, outputs.identityPoolId, outputs.apiId, outputs.testUsersSecretName]) {
      expect(banner).toContain(value);
    }
    expect(banner).toContain('registeredcustomer1@example.com');
    expect(banner).toContain('aws cognito-identity get-credentials-for-identity');
    expect(banner).toMatch(/Shop tokens\s+shop 0001: [2-9A-HJ-NP-Z]{10}, shop 0002: [2-9A-HJ-NP-Z]{10}/);
    // The shared password is in the secret, never in the banner.
    expect(banner).not.toMatch(new RegExp(JSON.parse(readFileSync(join(dataDirectory, 'test-users-password.json'), 'utf8')).password));

    const unsigned = await fetch(`${endpoint}/prod/products`);
    expect([unsigned.status, await unsigned.json()]).toEqual([403, { message: 'Missing Authentication Token' }]);

    started.stop();
    expect(await started.exited).toBe(0);
  });

  it.each([
    [['--bogus'], {}, /Unknown option '--bogus'/],
    [['--reset', '--in-memory'], {}, /--reset and --in-memory do not go together/],
    [[], { PORT: 'eighty' }, /PORT="eighty" is not a port number/],
    [[], { SHOP_PREFIX: 'Not_Valid' }, /SHOP_PREFIX="Not_Valid" is not valid/],
    [[], { SHOP_ROOT_ACCESS_KEY_ID: 'admin' }, /Set both SHOP_ROOT_ACCESS_KEY_ID and SHOP_ROOT_SECRET_ACCESS_KEY/],
  ])('refuses %p %p with a message and exit code 2', async (args, env, message) => {
    const refused = run(args, env);
    expect(await refused.exited).toBe(2);
    expect(refused.output()).toMatch(message);
    expect(refused.output()).toContain('Usage: npm start');
  });
});
