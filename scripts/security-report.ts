import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { repositoryRoot } from '../bundling/bundle-lambda';

/**
 * Runs the security suites (test/security) and prints a one-screen summary:
 * matrix cells, attack cases by category, fuzz cases, and whether all passed.
 */
interface JestAssertion {
  status: 'passed' | 'failed' | 'pending' | 'skipped' | 'todo';
  fullName: string;
}
interface JestFileResult {
  name: string;
  assertionResults: JestAssertion[];
}
interface JestReport {
  success: boolean;
  testResults: JestFileResult[];
}

const work = mkdtempSync(join(tmpdir(), 'security-report-'));
const reportFile = join(work, 'jest.json');
const figuresFile = join(work, 'figures.jsonl');
const jest = join(repositoryRoot, 'node_modules', '.bin', 'jest');
const run = spawnSync(jest, ['test/security', '--json', `--outputFile=${reportFile}`, '--silent'], {
  cwd: repositoryRoot,
  env: { ...process.env, SECURITY_FIGURES_FILE: figuresFile },
  encoding: 'utf8',
  stdio: ['ignore', 'ignore', 'pipe'],
});
if (!existsSync(reportFile)) {
  console.error(run.stderr);
  console.error('The security suites did not run.');
  process.exit(1);
}

const report = JSON.parse(readFileSync(reportFile, 'utf8')) as JestReport;
const figures = new Map<string, { value: number; detail?: string }>();
if (existsSync(figuresFile)) {
  for (const line of readFileSync(figuresFile, 'utf8').split('\n').filter(Boolean)) {
    const figure = JSON.parse(line) as { name: string; value: number; detail?: string };
    figures.set(figure.name, figure);
  }
}

const count = (results: JestFileResult[], status: JestAssertion['status']) =>
  results.reduce((sum, file) => sum + file.assertionResults.filter((assertion) => assertion.status === status).length, 0);
const filesUnder = (folder: string) =>
  report.testResults.filter((file) => relative(repositoryRoot, file.name).startsWith(join('test', 'security', folder)));
const line = (label: string, results: JestFileResult[], extra = '') =>
  `  ${label.padEnd(34)} ${String(count(results, 'passed')).padStart(5)} passed  ${String(count(results, 'failed')).padStart(3)} failed${extra}`;

const matrix = report.testResults.filter((file) => file.name.endsWith('access-matrix.test.ts'));
/** The categories of the threat list, in its order; any other attack file follows. */
const categoryOrder = ['identity', 'sigv4', 'paths-and-parameters', 'tenancy', 'business-input', 'abuse'];
const categoryOf = (file: JestFileResult) =>
  relative(join(repositoryRoot, 'test', 'security', 'attacks'), file.name).replace(/\.test\.ts$/, '');
const rank = (file: JestFileResult) => {
  const index = categoryOrder.indexOf(categoryOf(file));
  return index === -1 ? categoryOrder.length : index;
};
const attacks = filesUnder('attacks').sort((a, b) => rank(a) - rank(b));
const fuzz = filesUnder('fuzz');
const fuzzCases = figures.get('fuzzCases');
const guesses = figures.get('shopTokenGuessesPerRotation');

console.log('Security report — the offline platform, driven with real credentials and signed requests\n');
console.log(line('Access matrix (cells + doc check)', matrix, `   ${figures.get('accessMatrixCells')?.value ?? '?'} caller × request cells`));
console.log(line('Attack cases', attacks));
for (const file of attacks) console.log(line(`  ${categoryOf(file)}`, [file]));
console.log(line('Fuzz properties', fuzz, fuzzCases ? `   ${fuzzCases.value} generated cases` : ''));
for (const detail of fuzzCases?.detail?.split('; ') ?? []) console.log(`    ${detail}`);
if (guesses) console.log(`  Shop-token guesses allowed per caller, shop and rotation: ${guesses.value}`);
const failed = count(report.testResults, 'failed');
console.log(`\n${report.success && failed === 0 ? 'All passed.' : `${failed} failed.`}`);
process.exit(report.success ? 0 : 1);
