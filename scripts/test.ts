import { spawn } from 'node:child_process';
import { join } from 'node:path';

/**
 * `npm test`: the type checks with the linter, and jest, started together so
 * the checks use the cores jest's suites leave idle while they wait on a
 * browser, a CLI or a clock. A check's output is held back and printed when it fails;
 * jest's goes straight through. A failed check does not stop jest (its suites
 * may have started platforms and CLIs of their own): the run finishes, then
 * exits non-zero, and the last line gives the wall time and each step's.
 * Arguments go to jest (`npm test -- test/offline` runs the checks and those suites).
 */
const repositoryRoot = join(__dirname, '..');
const bin = (name: string) => join(repositoryRoot, 'node_modules', '.bin', name);

interface Step {
  name: string;
  command: string;
  args: string[];
  /** Printed as it comes (jest), or held back and printed only on failure (the checks). */
  live: boolean;
}

const steps: Step[] = [
  // tsc for both tsconfigs and ESLint, on one program per tsconfig (scripts/typecheck-and-lint.ts).
  { name: 'typecheck and lint', command: bin('tsx'), args: [join('scripts', 'typecheck-and-lint.ts')], live: false },
  { name: 'jest', command: bin('jest'), args: process.argv.slice(2), live: true },
];

interface Outcome {
  step: Step;
  code: number;
  seconds: number;
  output: string;
}

const started = Date.now();
const seconds = (since: number) => (Date.now() - since) / 1000;
const children = new Set<ReturnType<typeof spawn>>();

function run(step: Step): Promise<Outcome> {
  const stepStarted = Date.now();
  const child = spawn(step.command, step.args, { cwd: repositoryRoot, stdio: step.live ? 'inherit' : 'pipe', env: process.env });
  children.add(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => {
    child.on('error', (error) => (output += `${step.command} could not start: ${error.message}\n`));
    child.on('close', (code, signal) => {
      children.delete(child);
      resolve({ step, code: code ?? (signal ? 128 : 1), seconds: seconds(stepStarted), output });
    });
  });
}

async function main(): Promise<number> {
  const outcomes = await Promise.all(
    steps.map(async (step) => {
      const outcome = await run(step);
      if (outcome.code !== 0 && !step.live) process.stdout.write(`\n${step.name} failed:\n${outcome.output}\n`);
      return outcome;
    }),
  );
  const failed = outcomes.filter((outcome) => outcome.code !== 0);
  const summary = outcomes.map(({ step, code, seconds: took }) => `${step.name} ${code === 0 ? 'passed' : 'FAILED'} (${took.toFixed(0)} s)`).join(', ');
  process.stdout.write(`\nnpm test: ${failed.length > 0 ? 'FAILED' : 'passed'} in ${seconds(started).toFixed(0)} s wall time: ${summary}\n`);
  return failed.length > 0 ? 1 : 0;
}

// Ctrl+C or a CI's timeout: the steps stop with this process.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    for (const child of children) child.kill(signal);
    process.exit(130);
  });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`npm test could not run: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
