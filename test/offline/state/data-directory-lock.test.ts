import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lockDataDirectory } from '../../../offline/state/data-directory-lock';

describe('lockDataDirectory', () => {
  const directory = () => join(mkdtempSync(join(tmpdir(), 'lock-')), 'data');

  it('holds the directory with this process id until released', () => {
    const data = directory();
    const lock = lockDataDirectory(data);
    expect(readFileSync(join(data, 'platform.lock'), 'utf8')).toBe(`${process.pid}\n`);
    lock.release();
    expect(existsSync(join(data, 'platform.lock'))).toBe(false);
  });

  it('refuses a directory a running process holds, naming it', () => {
    const data = directory();
    lockDataDirectory(data);
    writeFileSync(join(data, 'platform.lock'), `${process.ppid}\n`);
    expect(() => lockDataDirectory(data)).toThrow(`${data} is used by a running offline platform (process ${process.ppid})`);
  });

  it('takes over the lock of a process that is gone (a crash)', () => {
    const data = directory();
    lockDataDirectory(data);
    writeFileSync(join(data, 'platform.lock'), '2147483646\n');
    lockDataDirectory(data).release();
    expect(existsSync(join(data, 'platform.lock'))).toBe(false);
  });
});
