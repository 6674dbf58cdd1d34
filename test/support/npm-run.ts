import { execFile } from 'node:child_process';
import { join } from 'node:path';

/** One of the project's npm scripts, run as a user runs it (npm, a clean environment, the repository as working directory). */
export interface NpmRun {
  code: number;
  stdout: string;
  stderr: string;
}

const repositoryRoot = join(__dirname, '..', '..');

export function npmRun(script: string, args: readonly string[], env: Record<string, string> = {}): Promise<NpmRun> {
  return new Promise((resolve) => {
    execFile(
      'npm',
      ['run', '--silent', script, '--', ...args],
      { cwd: repositoryRoot, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}
