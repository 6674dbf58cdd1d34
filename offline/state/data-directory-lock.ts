import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { StateError } from './errors';

/**
 * One running platform per data directory: two would write the same DynamoDB
 * files (dynalite's LevelDB answers the second with "Database is closed" deep in
 * a request). The lock is a file holding the owner's process id; a lock whose
 * process is gone (a crash, a kill -9) is taken over.
 */
export interface DataDirectoryLock {
  release(): void;
}

function processIsRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function lockDataDirectory(dataDirectory: string): DataDirectoryLock {
  mkdirSync(dataDirectory, { recursive: true, mode: 0o700 });
  const file = join(dataDirectory, 'platform.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, `${process.pid}\n`, { flag: 'wx', mode: 0o600 });
      return {
        release: () => {
          try {
            if (readFileSync(file, 'utf8').trim() === String(process.pid)) rmSync(file, { force: true });
          } catch {
            // Already gone.
          }
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = Number(readFileSync(file, 'utf8').trim());
    if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && processIsRunning(owner)) {
      throw new StateError(
        `${dataDirectory} is used by a running offline platform (process ${owner}). Stop it, or start this one with another SHOP_DATA_DIR or --in-memory.`,
      );
    }
    rmSync(file, { force: true });
  }
  throw new StateError(`Could not lock ${dataDirectory}: ${file} keeps reappearing`);
}
