import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { locateAwsClis } from './aws-cli';
import synthesizeTestStacks from './synthesize-test-stacks';

/**
 * Jest global set-up, once per run before any suite: the test stacks, the AWS
 * CLIs, and the run's directory, which the global tear-down
 * (remove-applied-data.ts) removes with everything in it.
 */
export default async function globalSetup(): Promise<void> {
  const runDirectory = mkdtempSync(join(tmpdir(), 'shop-test-run-'));
  // Every temporary file of the run goes into it: the suites', the libraries' (cdktf's
  // synthesis directories) and those of the processes they start, which inherit TMPDIR
  // as the test workers do. A run used to leave about a hundred directories in /tmp.
  const temporary = join(runDirectory, 'tmp');
  mkdirSync(temporary);
  process.env.TMPDIR = temporary;
  // The CLIs answer `--version` in processes of their own while the stacks are synthesized.
  const clis = locateAwsClis(join(runDirectory, 'bin'));
  await synthesizeTestStacks();
  await clis;
  // Where the first suite that wants the default platform applies the stacks for the others (applied-data.ts).
  process.env.SHOP_TEST_APPLIED_DATA = join(runDirectory, 'applied');
}
