import { mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { webAppIsFresh, writeWebApp, type WebAppFile } from '../../bundling/build-web-app';
import { repositoryRoot } from '../../bundling/bundle-lambda';

/** One build (esbuild bundles some 600 files for it), looked at from every side. */
describe('writeWebApp', () => {
  const directory = join(mkdtempSync(join(tmpdir(), 'web-app-')), 'web');
  const record = `${directory}.inputs.json`;
  let built: WebAppFile[];
  beforeAll(() => {
    built = writeWebApp(directory);
  });

  it('writes the page, its stylesheet and the bundled script', () => {
    expect(built.map((file) => file.path).sort()).toEqual(['app.css', 'app.js', 'index.html']);
    for (const file of built) expect(readFileSync(join(directory, file.path)).equals(file.body)).toBe(true);
    expect(built.find((file) => file.path === 'index.html')?.body.equals(readFileSync(join(repositoryRoot, 'web', 'static', 'index.html')))).toBe(true);
    // What the build read, to tell when it is stale: the app's sources, the static files, the locked dependencies.
    const inputs = JSON.parse(readFileSync(record, 'utf8')) as string[];
    expect(inputs).toEqual(expect.arrayContaining(['web/src/main.ts', 'platform/user-pool.ts', 'web/static/index.html', 'web/static/app.css', 'web/tsconfig.json', 'package-lock.json']));
  });

  it('reuses a fresh build as it is, without writing it again', () => {
    const script = join(directory, 'app.js');
    const writtenAt = statSync(script).mtimeMs;
    expect(webAppIsFresh(directory)).toBe(true);
    const reused = writeWebApp(directory);
    // Buffer.equals: jest's toEqual compares a megabyte script byte by byte, for seconds.
    expect(reused.map(({ path, contentType }) => ({ path, contentType }))).toEqual(built.map(({ path, contentType }) => ({ path, contentType })));
    expect(reused.every((file, index) => file.body.equals(built[index]?.body ?? Buffer.alloc(0)))).toBe(true);
    expect(statSync(script).mtimeMs).toBe(writtenAt);
  });

  it('is stale once an input is newer than the build, or a file is missing', () => {
    // A record dated just before the newest input is as if that input changed since (dated from the sources, not the clock).
    const inputs = JSON.parse(readFileSync(record, 'utf8')) as string[];
    const newestInput = Math.max(...inputs.map((input) => statSync(join(repositoryRoot, input)).mtimeMs));
    const builtAt = statSync(record).mtime;
    utimesSync(record, new Date(newestInput - 1000), new Date(newestInput - 1000));
    expect(webAppIsFresh(directory)).toBe(false);
    utimesSync(record, builtAt, builtAt);
    expect(webAppIsFresh(directory)).toBe(true);

    const stylesheet = readFileSync(join(directory, 'app.css'));
    rmSync(join(directory, 'app.css'));
    expect(webAppIsFresh(directory)).toBe(false);
    writeFileSync(join(directory, 'app.css'), stylesheet);
    expect(webAppIsFresh(directory)).toBe(true);
  });

  it('is never fresh before it was built', () => {
    expect(webAppIsFresh(join(mkdtempSync(join(tmpdir(), 'empty-')), 'web'))).toBe(false);
  });
});
