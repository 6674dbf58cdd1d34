import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildSync } from 'esbuild';
import { zipSync } from 'fflate';
import type { FunctionDefinition } from '../platform/functions';

/**
 * Bundles a handler with esbuild into `dist/lambdas/<name>/index.js` and packs it
 * into a deterministic zip: the same sources give the same bytes on any machine,
 * so the archive hash (and the stack snapshots) only change when code does.
 */
export const repositoryRoot = resolve(__dirname, '..');
export const bundlesDirectory = join(repositoryRoot, 'dist', 'lambdas');

/** Node.js runtime of every function; esbuild targets the same version. */
export const lambdaRuntime = 'nodejs22.x';
export const lambdaArchitecture = 'arm64';
export const lambdaHandler = 'index.handler';

/** The Lambda runtime ships the AWS SDK v3, so bundles leave it out and stay small. */
const providedByRuntime = ['@aws-sdk/*'];

/** DOS timestamps start in 1980; a fixed local date keeps the zip independent of the time zone. */
const fixedModificationTime = new Date(1980, 0, 2);

export interface LambdaBundle {
  name: string;
  /** Directory holding `index.js` and its source map; what the offline runtime loads. */
  directory: string;
  zipFile: string;
  /** Base64 SHA-256 of the zip, as Lambda's `source_code_hash` expects. */
  zipSha256: string;
}

/** Lists the files a bundle was built from (relative to the repository), to tell when it is stale. */
const inputsFileName = 'inputs.json';

/** Several processes (test workers, `npm start`) may bundle at once: never expose a half-written file. */
export function writeAtomically(file: string, contents: Uint8Array): void {
  const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(temporary, contents);
  renameSync(temporary, file);
}

export interface BundleOptions {
  /**
   * `runtime` (what deploys): the AWS SDK is left to the Lambda runtime's copy.
   * `bundled`: the SDK clients are bundled and minified into the function, as
   * AWS suggests for cold starts; `npm run bench:lambdas` measures both.
   */
  awsSdk?: 'runtime' | 'bundled';
}

export function bundleLambda(fn: FunctionDefinition, outputRoot: string = bundlesDirectory, options: BundleOptions = {}): LambdaBundle {
  const directory = join(outputRoot, fn.name);
  const scriptFile = join(directory, 'index.js');
  mkdirSync(directory, { recursive: true });
  const result = buildSync({
    absWorkingDir: repositoryRoot,
    entryPoints: [join(repositoryRoot, fn.entry)],
    outfile: scriptFile,
    write: false,
    metafile: true,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    minify: true,
    keepNames: true,
    sourcemap: 'external',
    sourcesContent: false,
    legalComments: 'none',
    external: options.awsSdk === 'bundled' ? [] : providedByRuntime,
    // The SDK's ES modules let esbuild drop the commands a function never sends.
    mainFields: ['module', 'main'],
    logLevel: 'error',
  });
  const output = (file: string): Uint8Array => {
    const found = result.outputFiles.find((candidate) => candidate.path === file);
    if (!found) throw new Error(`esbuild produced no ${file}`);
    return found.contents;
  };
  const script = output(scriptFile);
  const sourceMap = output(`${scriptFile}.map`);
  const archive = zipSync(
    {
      'index.js': [script, { mtime: fixedModificationTime }],
      'index.js.map': [sourceMap, { mtime: fixedModificationTime }],
    },
    { level: 9 },
  );
  writeAtomically(`${scriptFile}.map`, sourceMap);
  writeAtomically(join(directory, inputsFileName), Buffer.from(JSON.stringify(Object.keys(result.metafile.inputs))));
  writeAtomically(scriptFile, script);
  const zipFile = join(outputRoot, `${fn.name}.zip`);
  writeAtomically(zipFile, archive);
  return {
    name: fn.name,
    directory,
    zipFile,
    zipSha256: createHash('sha256').update(archive).digest('base64'),
  };
}

/**
 * Whether a build made at `builtAt` (ms) is still current: the builder's own
 * source (how it builds is an input too: a changed option must rebuild) and
 * every file listed in `inputsFile` (paths relative to the repository, as
 * esbuild's metafile names them) exist and are no newer.
 */
export function inputsUnchangedSince(builtAt: number, inputsFile: string, builder: string): boolean {
  if (statSync(builder).mtimeMs > builtAt) return false;
  const inputs = JSON.parse(readFileSync(inputsFile, 'utf8')) as string[];
  return inputs.every((input) => {
    const path = join(repositoryRoot, input);
    return existsSync(path) && statSync(path).mtimeMs <= builtAt;
  });
}

/** Whether a bundle and its zip exist and none of the files it was built from, nor this bundler, changed since. */
export function bundleIsFresh(fn: FunctionDefinition, outputRoot: string = bundlesDirectory): boolean {
  const directory = join(outputRoot, fn.name);
  const scriptFile = join(directory, 'index.js');
  const inputsFile = join(directory, inputsFileName);
  if (!existsSync(scriptFile) || !existsSync(inputsFile) || !existsSync(join(outputRoot, `${fn.name}.zip`))) return false;
  return inputsUnchangedSince(statSync(scriptFile).mtimeMs, inputsFile, __filename);
}

/**
 * A function's bundle, built only when missing or stale: synthesizing the
 * stacks again (every stack test does) reuses the zip the last build wrote,
 * byte for byte what a rebuild would write.
 */
export function freshBundle(fn: FunctionDefinition, outputRoot: string = bundlesDirectory): LambdaBundle {
  if (!bundleIsFresh(fn, outputRoot)) return bundleLambda(fn, outputRoot);
  const zipFile = join(outputRoot, `${fn.name}.zip`);
  return {
    name: fn.name,
    directory: join(outputRoot, fn.name),
    zipFile,
    zipSha256: createHash('sha256').update(readFileSync(zipFile)).digest('base64'),
  };
}

/** The bundle directory of a function, built first when missing or stale (what `npm start` runs). */
export function ensureBundle(fn: FunctionDefinition, outputRoot: string = bundlesDirectory): string {
  if (!bundleIsFresh(fn, outputRoot)) bundleLambda(fn, outputRoot);
  return join(outputRoot, fn.name);
}
