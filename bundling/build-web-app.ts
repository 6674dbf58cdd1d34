import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildSync } from 'esbuild';
import { inputsUnchangedSince, repositoryRoot, writeAtomically } from './bundle-lambda';

/** One file of the built web app: what a static host (the offline runtime, the `web` stack's bucket) serves. */
export interface WebAppFile {
  path: string;
  contentType: string;
  body: Buffer;
}

const webDirectory = join(repositoryRoot, 'web');
const staticFiles: Array<{ path: string; contentType: string }> = [
  { path: 'index.html', contentType: 'text/html; charset=utf-8' },
  { path: 'app.css', contentType: 'text/css; charset=utf-8' },
];
const appScript = { path: 'app.js', contentType: 'text/javascript; charset=utf-8' };
/** Every file of the built app, with what it is served as. */
const builtFiles = [...staticFiles, appScript];

/**
 * The web app: `web/src/main.ts` bundled for browsers by esbuild (the AWS SDK's
 * browser builds, minified, one script without eval so the CSP needs no
 * 'unsafe-*'), beside the static page and its stylesheet.
 */
export function buildWebApp(): WebAppFile[] {
  return build().files;
}

function build(): { files: WebAppFile[]; inputs: string[] } {
  const result = buildSync({
    entryPoints: [join(webDirectory, 'src', 'main.ts')],
    bundle: true,
    write: false,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    tsconfig: join(webDirectory, 'tsconfig.json'),
    metafile: true,
    absWorkingDir: repositoryRoot,
    logLevel: 'silent',
  });
  const bundled = result.outputFiles[0];
  if (!bundled) throw new Error('esbuild produced no web app script');
  const files = [
    ...staticFiles.map(({ path, contentType }) => ({ path, contentType, body: readFileSync(join(webDirectory, 'static', path)) })),
    { ...appScript, body: Buffer.from(bundled.contents) },
  ];
  const inputs = [
    ...Object.keys(result.metafile.inputs),
    ...staticFiles.map(({ path }) => relative(repositoryRoot, join(webDirectory, 'static', path))),
    relative(repositoryRoot, join(webDirectory, 'tsconfig.json')),
    // Another esbuild, or other versions of the dependencies, may build another app.
    'package-lock.json',
  ];
  return { files, inputs };
}

/** Beside the built directory, not in it (the `web` stack uploads that directory): the files the last build read. */
const inputsRecord = (directory: string) => `${directory}.inputs.json`;

/**
 * Whether `directory` holds what a build would write now: every file is
 * there, and none of the files the last build read, nor this builder, changed
 * since. Every synthesis writes the app; a build is half a second of CPU.
 */
export function webAppIsFresh(directory: string): boolean {
  const record = inputsRecord(directory);
  if (!existsSync(record) || !builtFiles.every(({ path }) => existsSync(join(directory, path)))) return false;
  return inputsUnchangedSince(statSync(record).mtimeMs, record, __filename);
}

/**
 * The built app in `directory` (what the `web` stack uploads), its files
 * returned; built again only when a source changed. Several processes may
 * synthesize at once (test workers): a file is replaced whole, never seen
 * half-written, and the record of inputs is written last.
 */
export function writeWebApp(directory: string): WebAppFile[] {
  if (webAppIsFresh(directory)) {
    return builtFiles.map(({ path, contentType }) => ({ path, contentType, body: readFileSync(join(directory, path)) }));
  }
  mkdirSync(directory, { recursive: true });
  const { files, inputs } = build();
  for (const file of files) writeAtomically(join(directory, file.path), file.body);
  writeAtomically(inputsRecord(directory), Buffer.from(JSON.stringify(inputs)));
  return files;
}
