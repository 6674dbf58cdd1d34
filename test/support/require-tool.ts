import { spawnSync } from 'node:child_process';

/**
 * A tool some tests need (terraform and its provider mirror, the AWS CLI,
 * curl, jq). Present: the tests run. Missing on a developer's machine: they
 * are skipped with a warning that says so. Under `CI=true` nothing is ever
 * skipped: the tests run (and fail without their tool), beside one failure
 * that names the missing tool, so a CI that lacks a tool cannot report green.
 */
export interface ToolGate {
  available: boolean;
  it: jest.It;
  describe: jest.Describe;
}

export function requireTool(tool: string, missing: string | undefined): ToolGate {
  if (missing === undefined) return { available: true, it, describe };
  if (process.env.CI === 'true') {
    test(`has ${tool} (CI=true: a missing tool fails the run instead of skipping its tests)`, () => {
      throw new Error(`${tool} is missing: ${missing}`);
    });
    return { available: false, it, describe };
  }
  console.warn(`Skipping the tests that need ${tool}: ${missing}. Under CI=true this fails the run.`);
  return { available: false, it: it.skip, describe: describe.skip };
}

/** Why a command is not usable here, or undefined when it runs. */
export function missingCommand(command: string, args: readonly string[] = ['--version']): string | undefined {
  const result = spawnSync(command, [...args], { encoding: 'utf8' });
  if (result.error) return `\`${command}\` is not on PATH`;
  if (result.status !== 0) return `\`${[command, ...args].join(' ')}\` exits with ${result.status}`;
  return undefined;
}
