import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { npmScriptNodeArguments } from './npm-script';
import { childEnvironment } from './child-environment';

/** What a script printed, and its exit code. */
export interface NpmRun {
  code: number;
  stdout: string;
  stderr: string;
}

const repositoryRoot = join(__dirname, '..', '..');

/** One of the project's npm scripts, run as a user runs it (npm, a clean environment, the repository as working directory). */
export function npmRun(script: string, args: readonly string[], env: Record<string, string> = {}): Promise<NpmRun> {
  return run('npm', ['run', '--silent', script, '--', ...args], env);
}

/**
 * A `node …` script of package.json run as npm would run it, without npm's own
 * start-up (about 0.3 s of CPU a run): for suites that run a script many times
 * and keep one run through npm itself.
 */
export function scriptRun(script: string, args: readonly string[], env: Record<string, string> = {}): Promise<NpmRun> {
  return run(process.execPath, [...npmScriptNodeArguments(script), ...args], env);
}

function run(command: string, args: readonly string[], env: Record<string, string>): Promise<NpmRun> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { cwd: repositoryRoot, env: childEnvironment(env) },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}
