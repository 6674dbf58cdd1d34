import { chmodSync, mkdirSync, mkdtempSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { locateAwsClis, missingAwsCli, testAwsClis } from './aws-cli';

/**
 * The global set-up's look-up of the AWS CLI, on a made-up machine: a pyenv
 * shim on PATH, the pyenv that resolves it, and the CLI it resolves to.
 */
let machine: string;
const saved = { PATH: process.env.PATH, SHOP_TEST_AWS_CLIS: process.env.SHOP_TEST_AWS_CLIS };

function script(file: string, body: string): void {
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, 0o755);
}

beforeEach(() => {
  machine = mkdtempSync(join(tmpdir(), 'aws-cli-lookup-'));
  for (const directory of ['shims', 'pyenv-bin', 'versions']) mkdirSync(join(machine, directory));
  script(join(machine, 'versions', 'aws'), 'echo "aws-cli/1.99.0 Python/3.11.7 Linux botocore/1.99.0"');
  // The shape of pyenv's shims: a script that hands the program's name to `pyenv exec`.
  script(join(machine, 'shims', 'aws'), 'exec "/root/.pyenv/libexec/pyenv" exec "aws" "$@"');
  script(join(machine, 'pyenv-bin', 'pyenv'), `[ "$1 $2" = "which aws" ] && echo ${join(machine, 'versions', 'aws')}`);
});
afterEach(() => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  rmSync(machine, { recursive: true, force: true });
});

it('links the executable a pyenv shim runs first on PATH, and records it as that major version', async () => {
  process.env.PATH = [join(machine, 'shims'), join(machine, 'pyenv-bin'), '/usr/bin', '/bin'].join(':');
  const bin = join(machine, 'run', 'bin');
  const clis = await locateAwsClis(bin, []);
  expect(clis.missing).toBeUndefined();
  expect(clis.byMajor['1']).toBe(join(machine, 'versions', 'aws'));
  expect(readlinkSync(join(bin, 'aws'))).toBe(join(machine, 'versions', 'aws'));
  expect(process.env.PATH?.split(':')[0]).toBe(bin);
  // What the suites read back.
  expect(testAwsClis()).toEqual(clis);
  expect(missingAwsCli()).toBeUndefined();
});

it('leaves PATH alone when `aws` is no shim', async () => {
  process.env.PATH = [join(machine, 'versions'), '/usr/bin', '/bin'].join(':');
  const clis = await locateAwsClis(join(machine, 'run', 'bin'), []);
  expect(clis.byMajor['1']).toBe(join(machine, 'versions', 'aws'));
  expect(process.env.PATH.split(':')[0]).toBe(join(machine, 'versions'));
});

it('says why when there is no `aws` on PATH, or it does not run', async () => {
  process.env.PATH = join(machine, 'nothing-here');
  expect((await locateAwsClis(join(machine, 'run', 'bin'), [])).missing).toBe('`aws` is not on PATH');
  expect(missingAwsCli()).toBe('`aws` is not on PATH');

  script(join(machine, 'versions', 'aws'), 'exit 2');
  process.env.PATH = [join(machine, 'versions'), '/usr/bin', '/bin'].join(':');
  expect((await locateAwsClis(join(machine, 'run', 'bin'), [])).missing).toBe('`aws --version` fails');
});
