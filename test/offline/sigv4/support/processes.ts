import { execFile, spawnSync } from 'node:child_process';

/** Runs a real client (aws, curl) as a child process. */

export function onPath(command: string, versionArgument = '--version'): boolean {
  const probe = spawnSync(command, [versionArgument], { encoding: 'utf8' });
  return probe.error === undefined && probe.status === 0;
}

export function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { env, timeout: 30_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${command} ${args.join(' ')} failed: ${error.message}\n${stderr}`));
      else resolve(stdout);
    });
  });
}
