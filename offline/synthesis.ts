import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { repositoryRoot } from './repository-root';

/**
 * `npm start` runs the synthesized stacks. This decides whether `cdktf.out` is
 * still what `npm run synth` would write now — it exists, nothing it is made
 * from changed since, and it was synthesized with the same settings — and
 * synthesizes again when not.
 */
export { repositoryRoot };

/** Everything a synthesis reads: the app, the stacks, the definitions, the handlers they bundle, the locked dependencies. */
const sourceFiles = ['main.ts', 'cdktf.json', 'package-lock.json', 'tsconfig.json'];
const sourceDirectories = ['stacks', 'platform', 'lambdas', 'openapi', 'bundling', 'web'];

/** Written next to the manifest after a synthesis by `npm start`: the settings it used. */
const stampFile = 'offline-synthesis.json';

/** Variables of the offline runtime itself, which change nothing that is synthesized. */
const runtimeVariables = new Set(['SHOP_DATA_DIR', 'SHOP_ROOT_ACCESS_KEY_ID', 'SHOP_ROOT_SECRET_ACCESS_KEY']);

/** The deployment settings the environment sets (SHOP_*, AWS_REGION). */
function settingsIn(env: NodeJS.ProcessEnv): Array<[string, string]> {
  return Object.entries(env)
    .filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '')
    .filter(([name]) => name === 'AWS_REGION' || (name.startsWith('SHOP_') && !runtimeVariables.has(name)))
    .sort(([a], [b]) => a.localeCompare(b));
}

/** The deployment settings in the environment, as one fingerprint. */
export function settingsFingerprint(env: NodeJS.ProcessEnv): string {
  return createHash('sha256').update(JSON.stringify(settingsIn(env))).digest('hex');
}

function newestSource(root: string): { file: string; mtimeMs: number } {
  let newest = { file: '', mtimeMs: 0 };
  const consider = (file: string) => {
    const { mtimeMs } = statSync(file);
    if (mtimeMs > newest.mtimeMs) newest = { file, mtimeMs };
  };
  const walk = (directory: string) => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      const path = join(directory, entry.name);
      if (entry.isDirectory()) walk(path);
      else consider(path);
    }
  };
  for (const file of sourceFiles) if (existsSync(join(root, file))) consider(join(root, file));
  for (const directory of sourceDirectories) if (existsSync(join(root, directory))) walk(join(root, directory));
  return newest;
}

/**
 * Why the synthesized directory must be written again, or undefined when it is
 * up to date. Stacks someone synthesized with `npm run synth` or `cdktf synth`
 * are run as they are unless the environment sets settings, which might differ
 * from the ones they were synthesized with.
 */
export function synthesisNeeded(outdir: string, env: NodeJS.ProcessEnv, root: string = repositoryRoot): string | undefined {
  const manifest = join(outdir, 'manifest.json');
  if (!existsSync(manifest)) return `${outdir} holds no synthesized stacks`;
  const newest = newestSource(root);
  if (newest.mtimeMs > statSync(manifest).mtimeMs) return `${newest.file.slice(root.length + 1)} changed since the last synthesis`;
  const stamp = join(outdir, stampFile);
  if (!existsSync(stamp)) {
    const given = settingsIn(env).map(([name]) => name);
    return given.length === 0 ? undefined : `${given.join(', ')} may differ from what ${outdir} was synthesized with`;
  }
  const stamped = (JSON.parse(readFileSync(stamp, 'utf8')) as { settings?: unknown }).settings;
  if (stamped !== settingsFingerprint(env)) return 'the settings (SHOP_*, AWS_REGION) changed since the last synthesis';
  return undefined;
}

export type SynthesisResult = { ok: true } | { ok: false; exitCode: number; output: string };

/** `npm run synth` into `outdir`, with the settings of `env`. */
export function synthesize(outdir: string, env: NodeJS.ProcessEnv, root: string = repositoryRoot): SynthesisResult {
  // cdktf creates the output directory itself, but not its parents.
  mkdirSync(dirname(outdir), { recursive: true });
  const run = spawnSync(process.execPath, ['--require', 'tsx/cjs', join(root, 'main.ts')], {
    cwd: root,
    env: { ...env, CDKTF_OUTDIR: outdir },
    encoding: 'utf8',
  });
  if (run.status !== 0) return { ok: false, exitCode: run.status ?? 1, output: `${run.stdout ?? ''}${run.stderr ?? ''}`.trim() };
  writeFileSync(join(outdir, stampFile), `${JSON.stringify({ settings: settingsFingerprint(env) })}\n`);
  return { ok: true };
}
