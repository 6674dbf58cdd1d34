import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * The linter's own rules, shown to catch what they are there for: code that
 * breaks each rule is linted under the path it would have, and must be refused.
 * ESLint loads its configuration as an ES module, which jest's module system
 * cannot, so the snippets are linted by ESLint's API in a Node process of its own.
 */
const repositoryRoot = join(__dirname, '..', '..');
const snippets: Array<{ filePath: string; code: string }> = [];
let results: string[][] | undefined;

/**
 * Each snippet gets a TypeScript program of its own holding only it (imports
 * are not followed: the rules here read types of the snippet, and paths), so
 * the type-aware rules run without building the whole repository's program.
 */
const lintAll = `
import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import ts from 'typescript';
const snippets = JSON.parse(process.argv[1]);
const options = { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, lib: ['lib.es2022.d.ts'], types: [], strict: true, noResolve: true, noEmit: true };
const host = ts.createCompilerHost(options);
const libraries = new Map();
const readLibrary = host.getSourceFile.bind(host);
function programOf(file, code) {
  const own = ts.createSourceFile(file, code, ts.ScriptTarget.ES2022, true);
  const getSourceFile = (name, language) => {
    if (name === file) return own;
    if (!libraries.has(name)) libraries.set(name, readLibrary(name, language));
    return libraries.get(name);
  };
  return ts.createProgram([file], options, { ...host, getSourceFile, fileExists: (name) => name === file || host.fileExists(name) });
}
const out = [];
for (const { filePath, code } of snippets) {
  const file = resolve(filePath);
  const eslint = new ESLint({ cwd: process.cwd(), overrideConfig: { languageOptions: { parserOptions: { projectService: false, programs: [programOf(file, code)] } } } });
  const [result] = await eslint.lintText(code, { filePath });
  out.push(result.messages.map((m) => m.ruleId ?? 'parse: ' + m.message));
}
console.log(JSON.stringify(out));
`;

/** Registers a snippet now; its rules are known once every snippet has been linted together. */
function snippet(filePath: string, code: string): () => string[] {
  const index = snippets.push({ filePath, code }) - 1;
  return () => {
    if (!results) {
      const run = spawnSync(process.execPath, ['--input-type=module', '-e', lintAll, JSON.stringify(snippets)], { cwd: repositoryRoot, encoding: 'utf8' });
      if (run.status !== 0) throw new Error(`eslint failed: ${run.stderr}`);
      results = JSON.parse(run.stdout) as string[][];
    }
    return results[index];
  };
}

const floating = snippet('offline/lint-snippet.ts', 'async function save(): Promise<void> {}\nexport function handler(): void {\n  save();\n}\n');
/** Source text of a focused or skipped test call, for the linter to refuse (this file runs none). */
const modifiedCall = (block: 'it' | 'describe', modifier: 'only' | 'skip', title: string) => `${block}.${modifier}('${title}', () => undefined);\n`;
const focusedAndSkipped = snippet(
  'test/lint/lint-snippet.test.ts',
  modifiedCall('it', 'only', 'a') + modifiedCall('it', 'skip', 'b') + modifiedCall('describe', 'skip', 'c'),
);
const acrossLayers = [
  ['lambdas/handlers/lint-snippet.ts', "import { startRuntime } from '../../offline/runtime';\nexport const used = startRuntime;\n"],
  ['lambdas/handlers/lint-snippet.ts', "import { ApiStack } from '../../stacks/api-stack';\nexport const used = ApiStack;\n"],
  ['offline/lint-snippet.ts', "import { handler } from '../lambdas/handlers/get-shop';\nexport const used = handler;\n"],
  ['stacks/lint-snippet.ts', "import { startRuntime } from '../offline/runtime';\nexport const used = startRuntime;\n"],
  ['platform/lint-snippet.ts', "import { apiDefinitionPath } from '../openapi/load';\nexport const used = apiDefinitionPath;\n"],
].map(([filePath, code]) => [filePath, snippet(filePath, code)] as const);
const allowed = [
  snippet('offline/lint-snippet.ts', "import { localAccount } from './local-account';\nexport const used = localAccount;\n"),
  snippet('platform/lint-snippet.ts', "import { ordersTable } from './table';\nexport const used = ordersTable;\n"),
];

describe('eslint.config.mjs', () => {
  it('refuses a promise nobody awaits', () => {
    expect(floating()).toEqual(['@typescript-eslint/no-floating-promises']);
  });

  it('refuses focused and skipped tests', () => {
    expect(focusedAndSkipped()).toEqual(['jest/no-focused-tests', 'jest/no-disabled-tests', 'jest/no-disabled-tests']);
  });

  it.each(acrossLayers)('refuses an import across the layers: %s', (_filePath, rules) => {
    expect(rules()).toEqual(['no-restricted-imports']);
  });

  it('accepts the same kinds of code where they are allowed', () => {
    for (const rules of allowed) expect(rules()).toEqual([]);
  });
});
