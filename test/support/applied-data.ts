import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { startRuntime } from '../../offline/runtime';
import { testStacksDirectory } from './test-stacks';
import { testScryptCost } from './test-scrypt-cost';

/**
 * A data directory on which the test stacks were applied — users created, the
 * provisioner, the first reconcile and rotation run — made once per jest run,
 * by whichever suite asks first, and never changed afterwards. A suite that
 * takes the default platform starts on its own copy, as a second `npm start`
 * starts on `.local-data`: the apply (about 1.6 s of CPU, three cold
 * functions) is not repeated in every suite. Suites that need the apply itself
 * start in memory or on a directory of their own. The copies are kept beside
 * the applied directory and go with it at the end of the run
 * (remove-applied-data.ts), so no suite has to remove its own.
 */
function appliedDataRoot(): string {
  const root = process.env.SHOP_TEST_APPLIED_DATA;
  if (!root) throw new Error('SHOP_TEST_APPLIED_DATA is not set: run the tests with jest, whose global set-up names it');
  return root;
}

const waitMs = 90_000;

async function appliedData(): Promise<string> {
  const root = appliedDataRoot();
  const data = join(root, 'data');
  const ready = join(root, 'ready');
  const failed = join(root, 'failed');
  let building = false;
  try {
    mkdirSync(root); // atomic: one suite builds, the others wait for `ready`
    building = true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  if (building) {
    try {
      const runtime = await startRuntime({
        host: '127.0.0.1',
        port: 0,
        stacksDirectory: testStacksDirectory(),
        dataDirectory: data,
        schedules: false,
        scryptCost: testScryptCost,
        log: () => undefined,
        functionLog: () => undefined,
      });
      await runtime.close();
      writeFileSync(ready, '');
    } catch (error) {
      writeFileSync(failed, error instanceof Error ? (error.stack ?? error.message) : String(error));
      throw error;
    }
    return data;
  }
  const deadline = Date.now() + waitMs;
  while (!existsSync(ready)) {
    if (existsSync(failed)) throw new Error(`Applying the test stacks failed in another suite:\n${readFileSync(failed, 'utf8')}`);
    if (Date.now() > deadline) throw new Error(`No applied data directory in ${root} after ${waitMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return data;
}

/** A fresh copy of the applied data directory (its lock left behind), removed with it at the end of the run. */
export async function copyOfAppliedData(): Promise<string> {
  const source = await appliedData();
  const dataDirectory = join(mkdtempSync(join(dirname(appliedDataRoot()), 'copy-')), 'data');
  cpSync(source, dataDirectory, { recursive: true, filter: (path) => basename(path) !== 'platform.lock' });
  return dataDirectory;
}
