import { execFile, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The AWS CLIs the suites run, looked up once per jest run by the global
 * set-up instead of by every suite that needs one (each `aws --version` is a
 * Python start, half a second of CPU).
 *
 * `aws` on PATH may be a version manager's shim — pyenv's, on the image these
 * suites run on — which starts a shell and pyenv to pick the CLI on every call:
 * about 0.4 s of CPU, as much as the CLI's own start, for the hundred-odd calls
 * of a run. The set-up puts a directory first on PATH whose `aws` links to the
 * executable the shim would run, so suites, and the shells they start, call the
 * same CLI without the detour.
 */
export interface AwsClis {
  /** Why `aws` on PATH is not usable, or undefined when it runs. */
  missing?: string;
  /** The executable of each major version found (`1`, `2`): PATH's, then where Debian's package and AWS's installer put it. */
  byMajor: Record<string, string>;
}

const variable = 'SHOP_TEST_AWS_CLIS';

// Every look-up passes process.env on: under jest a suite's process.env is its own copy, which child_process would not see.

/** The executable a pyenv shim runs, or the file itself when it is not a shim. */
function withoutShim(file: string): string {
  let text = '';
  try {
    text = readFileSync(file, 'utf8').slice(0, 2000);
  } catch {
    return file;
  }
  if (!/pyenv"? exec /.test(text)) return file;
  const resolved = spawnSync('pyenv', ['which', 'aws'], { encoding: 'utf8', env: process.env });
  return resolved.status === 0 && resolved.stdout.trim() !== '' ? resolved.stdout.trim() : file;
}

/** The major version `binary --version` reports; asynchronous, so the set-up asks every candidate at once. */
function majorVersion(binary: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(binary, ['--version'], { encoding: 'utf8', env: process.env }, (error, stdout, stderr) => {
      resolve(error ? undefined : /aws-cli\/(\d+)\./.exec(`${stdout}${stderr}`)?.[1]);
    });
  });
}

/**
 * Global set-up: finds the CLIs (PATH's, then the other locations), links PATH's (shim resolved) into
 * `binDirectory`, puts that first on this process's PATH (the test workers
 * start with this environment) and records what it found for `testAwsClis()`.
 */
export async function locateAwsClis(binDirectory: string, otherLocations: readonly string[] = ['/usr/bin/aws', '/usr/local/bin/aws']): Promise<AwsClis> {
  const onPath = spawnSync('which', ['aws'], { encoding: 'utf8', env: process.env }).stdout?.trim() ?? '';
  const clis: AwsClis = { byMajor: {} };
  const executable = onPath === '' ? undefined : withoutShim(onPath);
  if (executable === undefined) clis.missing = '`aws` is not on PATH';
  // PATH's may be one of the other locations (Debian's v2 alone, say): each is asked once.
  const candidates = [...new Set([executable, ...otherLocations])].filter((binary) => binary !== undefined);
  const majors = await Promise.all(candidates.map((binary) => majorVersion(binary)));
  candidates.forEach((binary, index) => {
    const major = majors[index];
    if (binary === executable && major === undefined) clis.missing = '`aws --version` fails';
    if (major !== undefined && clis.byMajor[major] === undefined) clis.byMajor[major] = binary;
  });
  if (executable !== undefined && clis.missing === undefined && executable !== onPath) {
    mkdirSync(binDirectory, { recursive: true });
    symlinkSync(executable, join(binDirectory, 'aws'));
    process.env.PATH = `${binDirectory}:${process.env.PATH ?? ''}`;
  }
  process.env[variable] = JSON.stringify(clis);
  return clis;
}

/** What the global set-up found. */
export function testAwsClis(): AwsClis {
  const recorded = process.env[variable];
  if (!recorded) throw new Error(`${variable} is not set: run the tests with jest, whose global set-up looks up the AWS CLIs`);
  return JSON.parse(recorded) as AwsClis;
}

/** Why the suites cannot run `aws`, or undefined when they can: what `requireTool('the AWS CLI', …)` takes. */
export function missingAwsCli(): string | undefined {
  return testAwsClis().missing;
}
