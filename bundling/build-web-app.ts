import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { repositoryRoot, writeAtomically } from './bundle-lambda';

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

/**
 * The web app: `web/src/main.ts` bundled for browsers by esbuild (the AWS SDK's
 * browser builds, minified, one script without eval so the CSP needs no
 * 'unsafe-*'), beside the static page and its stylesheet.
 */
export function buildWebApp(): WebAppFile[] {
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
    logLevel: 'silent',
  });
  const script = result.outputFiles[0];
  if (!script) throw new Error('esbuild produced no web app script');
  return [
    ...staticFiles.map(({ path, contentType }) => ({ path, contentType, body: readFileSync(join(webDirectory, 'static', path)) })),
    { path: 'app.js', contentType: 'text/javascript; charset=utf-8', body: Buffer.from(script.contents) },
  ];
}

/**
 * The built app in `directory` (what the `web` stack uploads), its files
 * returned. Several processes may synthesize at once (test workers): a file
 * is replaced whole, never seen half-written.
 */
export function writeWebApp(directory: string): WebAppFile[] {
  mkdirSync(directory, { recursive: true });
  const files = buildWebApp();
  for (const file of files) writeAtomically(join(directory, file.path), file.body);
  return files;
}
