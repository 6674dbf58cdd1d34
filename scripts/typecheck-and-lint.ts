import { join } from 'node:path';
import { ESLint } from 'eslint';
import ts from 'typescript';

/**
 * `tsc -p tsconfig.json`, `tsc -p web/tsconfig.json` and `eslint .` in one
 * process, on one TypeScript program per tsconfig: typescript-eslint's
 * type-aware rules read the programs the compiler has just checked instead of
 * building and checking their own (the two cost about as much again).
 * `npm test` runs this; `npm run typecheck` and `npm run lint` remain.
 */
const repositoryRoot = join(__dirname, '..');

function programOf(tsconfig: string): ts.Program {
  const parsed = ts.getParsedCommandLineOfConfigFile(join(repositoryRoot, tsconfig), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    },
  });
  if (!parsed) throw new Error(`${tsconfig} could not be read`);
  if (parsed.errors.length > 0) throw new Error(ts.formatDiagnostics(parsed.errors, formatHost));
  return ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options, projectReferences: parsed.projectReferences });
}

const formatHost: ts.FormatDiagnosticsHost = {
  getCanonicalFileName: (fileName) => fileName,
  getCurrentDirectory: () => repositoryRoot,
  getNewLine: () => '\n',
};

async function main(): Promise<number> {
  const programs = ['tsconfig.json', join('web', 'tsconfig.json')].map(programOf);
  const typeErrors = programs.flatMap((program) => ts.getPreEmitDiagnostics(program));
  if (typeErrors.length > 0) process.stdout.write(ts.formatDiagnostics(typeErrors, formatHost));

  const eslint = new ESLint({
    cwd: repositoryRoot,
    overrideConfig: { languageOptions: { parserOptions: { projectService: false, programs } } },
  });
  const results = await eslint.lintFiles(['.']);
  const lintErrors = results.reduce((sum, result) => sum + result.errorCount + result.warningCount, 0);
  if (lintErrors > 0) process.stdout.write(await (await eslint.loadFormatter('stylish')).format(results));

  process.stdout.write(`tsconfig.json and web/tsconfig.json: ${typeErrors.length} type error(s); ${results.length} files linted: ${lintErrors} problem(s)\n`);
  return typeErrors.length > 0 || lintErrors > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
