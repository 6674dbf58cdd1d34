import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const repositoryRoot = join(__dirname, '..', '..');

/**
 * The arguments for `node` that one of package.json's `node …` scripts runs
 * (`start` → `offline/run-command.js main`), with the paths made absolute: the
 * command `npm start` runs, without npm's own start-up, from the one place that
 * defines it.
 */
export function npmScriptNodeArguments(script: string): string[] {
  const scripts = (JSON.parse(readFileSync(join(repositoryRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  const [program, file, ...rest] = (scripts[script] ?? '').split(' ');
  if (program !== 'node' || file === undefined || !file.endsWith('.js')) throw new Error(`package.json's "${script}" script is not "node <file>.js …": ${scripts[script]}`);
  return [join(repositoryRoot, file), ...rest];
}
