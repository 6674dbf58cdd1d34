import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { childEnvironment } from './child-environment';

/**
 * A missing tool skips its tests with a warning on a developer's machine; under
 * CI=true nothing is skipped and the run fails: checked by running jest itself on a fixture.
 */
const repositoryRoot = join(__dirname, '..', '..');
const config = JSON.stringify({
  rootDir: repositoryRoot,
  roots: ['<rootDir>/test/fixtures/require-tool'],
  testMatch: ['**/*.fixture.ts'],
  // The project's own TypeScript transform.
  transform: (require(join(repositoryRoot, 'jest.config.js')) as { transform: Record<string, unknown> }).transform,
  testEnvironment: 'node',
});

function runFixture(ci: boolean): { status: number | null; output: string } {
  const env = childEnvironment();
  if (ci) env.CI = 'true';
  const result = spawnSync(process.execPath, [require.resolve('jest/bin/jest'), '--config', config, '--ci'], {
    cwd: repositoryRoot,
    env,
    encoding: 'utf8',
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

it('skips, with a warning, what needs a missing tool on a developer machine', () => {
  const { status, output } = runFixture(false);
  expect(output).toContain('Skipping the tests that need a tool no machine has: it is made up. Under CI=true this fails the run.');
  expect(output).toMatch(/Tests:\s+1 skipped, 1 passed, 2 total/);
  expect(status).toBe(0);
});

it('fails the run under CI=true, naming the tool and why it is missing, and skips nothing', () => {
  const { status, output } = runFixture(true);
  expect(output).toContain('a tool no machine has is missing: it is made up');
  expect(output).toContain('the test that needs the tool ran without it');
  expect(output).toMatch(/Tests:\s+2 failed, 1 passed, 3 total/);
  expect(status).toBe(1);
});
