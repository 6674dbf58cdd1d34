import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { startRuntime } from '../../offline/runtime';
import { testStacksDirectory } from './test-stacks';

/**
 * A data directory on which the test stacks were applied — users created, the
 * provisioner, the first reconcile and rotation run — made once per jest run,
 * by whichever suite asks first, and never changed afterwards. A suite that
 * takes the default platform starts on its own copy, as a second `npm start`
 * starts on `.local-data`: the apply (about 1.6 s of CPU, three cold
 * functions) is not repeated in every suite. Suites that need the apply itself
 * start in memory or on a directory of their own.
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

/** A fresh copy of the applied data directory (its lock left behind), and how to remove it. */
export async function copyOfAppliedData(): Promise<{ dataDirectory: string; remove: () => void }> {
  const source = await appliedData();
  const parent = mkdtempSync(join(tmpdir(), 'shop-applied-'));
  const dataDirectory = join(parent, 'data');
  cpSync(source, dataDirectory, { recursive: true, filter: (path) => basename(path) !== 'platform.lock' });
  return { dataDirectory, remove: () => rmSync(parent, { recursive: true, force: true }) };
}
