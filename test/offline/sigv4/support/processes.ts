import { execFile } from 'node:child_process';

/** Runs a real client (aws, curl) as a child process. */

/**
 * The caller's environment without AWS_* settings (a profile or region from
 * the developer's shell would change what the CLI signs) and without proxies
 * (the capture server is on the loopback interface).
 */
export function isolatedEnvironment(overrides: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const kept = Object.entries(process.env).filter(([name]) => !/^AWS_/i.test(name) && !/^(https?|all|no)_proxy$/i.test(name));
  return { ...Object.fromEntries(kept), ...overrides };
}

export function run(command: string, args: string[], env: NodeJS.ProcessEnv = isolatedEnvironment({})): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { env, timeout: 30_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${command} ${args.join(' ')} failed: ${error.message}\n${stderr}`));
      else resolve(stdout);
    });
  });
}
