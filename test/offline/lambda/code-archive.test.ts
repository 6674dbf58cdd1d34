import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { CodeArchiveError, pruneUnpackedArchives, unpackCodeArchive } from '../../../offline/lambda/code-archive';

function zipFile(files: Record<string, string>): string {
  const file = join(mkdtempSync(join(tmpdir(), 'package-')), 'fn.zip');
  writeFileSync(file, zipSync(Object.fromEntries(Object.entries(files).map(([name, text]) => [name, strToU8(text)]))));
  return file;
}

describe('deployment packages', () => {
  const root = () => mkdtempSync(join(tmpdir(), 'unpacked-'));

  it("unpacks a package once, by content, and reports its hash as Lambda's source_code_hash", () => {
    const into = root();
    const file = zipFile({ 'index.js': 'exports.handler = 1;', 'lib/util.js': 'x' });
    const unpacked = unpackCodeArchive(file, into);
    expect(unpacked.sha256).toBe(createHash('sha256').update(readFileSync(file)).digest('base64'));
    expect(readFileSync(join(unpacked.directory, 'lib', 'util.js'), 'utf8')).toBe('x');
    expect(unpackCodeArchive(file, into)).toEqual(unpacked);
  });

  it('refuses a package that is not a zip, is missing, or would write outside its directory', () => {
    const into = root();
    const notZip = join(mkdtempSync(join(tmpdir(), 'package-')), 'fn.zip');
    writeFileSync(notZip, 'plain text');
    expect(() => unpackCodeArchive(notZip, into)).toThrow(CodeArchiveError);
    expect(() => unpackCodeArchive(join(into, 'missing.zip'), into)).toThrow(/cannot be read/);
    expect(() => unpackCodeArchive(zipFile({ '../escaped.js': 'x' }), into)).toThrow(/holds the unsafe path \.\.\/escaped\.js/);
    expect(existsSync(join(into, '..', 'escaped.js'))).toBe(false);
  });

  it('prunes copies no start has used for two weeks', () => {
    const into = root();
    const used = unpackCodeArchive(zipFile({ 'index.js': 'a' }), into).directory;
    const stale = join(into, 'stale');
    mkdirSync(stale);
    const longAgo = new Date(Date.now() - 15 * 24 * 60 * 60 * 1000);
    utimesSync(stale, longAgo, longAgo);
    pruneUnpackedArchives(into);
    expect([existsSync(used), existsSync(stale)]).toEqual([true, false]);
  });
});
