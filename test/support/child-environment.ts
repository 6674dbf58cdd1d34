/**
 * The environment a suite gives a process it starts, and nothing else of its
 * own: PATH and HOME, as a user's shell has them, and the run's TMPDIR
 * (global-setup.ts), so the process's temporary files are removed with the run's.
 */
export function childEnvironment(extra: Record<string, string> = {}): Record<string, string> {
  const passedOn: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp' };
  if (process.env.TMPDIR) passedOn.TMPDIR = process.env.TMPDIR;
  return { ...passedOn, ...extra };
}
