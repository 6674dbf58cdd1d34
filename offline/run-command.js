// `npm start`, `npm run creds`, `npm run call` and `npm run aggregates`:
//   node offline/run-command.js <main | creds-command | call-command | aggregates-command> [arguments]
// runs that offline command from a bundle of its TypeScript, which esbuild writes
// to dist/offline/ and writes again whenever a file it was built from changed.
// Plain JavaScript, so that nothing has to compile it: a TypeScript loader (tsx)
// hooked into every require cost each start about 0.4 s of CPU, more than the
// platform's own warm start.
'use strict';
const { createHash } = require('node:crypto');
const { mkdirSync, readFileSync, renameSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const repositoryRoot = join(__dirname, '..');
const outputDirectory = join(repositoryRoot, 'dist', 'offline');
const buildRecord = join(outputDirectory, 'build.json');
const commands = ['main', 'creds-command', 'call-command', 'aggregates-command'];

/** What a bundle is made of: this file, esbuild's version and every source esbuild read for it, by content. */
function fingerprint(inputs, esbuildVersion) {
  const hash = createHash('sha256').update(readFileSync(__filename)).update(esbuildVersion);
  for (const input of inputs) hash.update(`\0${input}\0`).update(readFileSync(join(repositoryRoot, input)));
  return hash.digest('hex');
}

/** The bundles are current: the record names the sources they were built from, and none changed or went missing. */
function isCurrent(esbuildVersion) {
  try {
    const record = JSON.parse(readFileSync(buildRecord, 'utf8'));
    return record.fingerprint === fingerprint(record.inputs, esbuildVersion);
  } catch {
    return false;
  }
}

/** Several processes may build at once (parallel test workers, two terminals): a reader never sees a half-written file. */
function writeAtomically(file, contents) {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, contents);
  renameSync(temporary, file);
}

function build(esbuild) {
  const result = esbuild.buildSync({
    absWorkingDir: repositoryRoot,
    entryPoints: commands.map((command) => join('offline', `${command}.ts`)),
    outdir: outputDirectory,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    // Dependencies load from node_modules, as under tsx; only the project's own code is bundled.
    packages: 'external',
    sourcemap: 'linked',
    sourcesContent: false,
    metafile: true,
    write: false,
    logLevel: 'silent',
  });
  mkdirSync(outputDirectory, { recursive: true });
  for (const output of result.outputFiles) writeAtomically(output.path, output.contents);
  const inputs = Object.keys(result.metafile.inputs).sort();
  writeAtomically(buildRecord, `${JSON.stringify({ fingerprint: fingerprint(inputs, esbuild.version), inputs }, null, 2)}\n`);
}

/** Builds the bundles unless they are current; returns the path of the command's bundle. */
function commandBundle(command) {
  if (!commands.includes(command)) throw new Error(`Unknown offline command '${command}': one of ${commands.join(', ')}`);
  // esbuild itself is loaded only to build: a current bundle's start reads just its version.
  if (!isCurrent(require('esbuild/package.json').version)) build(require('esbuild'));
  return join(outputDirectory, `${command}.js`);
}

module.exports = { commandBundle, commands };

if (require.main === module) {
  const [command] = process.argv.splice(2, 1);
  let bundle;
  try {
    bundle = commandBundle(command);
  } catch (error) {
    // esbuild's own report names the file, line and problem of a source that does not compile.
    const messages = error && Array.isArray(error.errors) ? require('esbuild').formatMessagesSync(error.errors, { kind: 'error' }) : [];
    console.error(messages.length > 0 ? messages.join('\n') : error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
  // Stack traces name the TypeScript sources, as they did under tsx.
  process.setSourceMapsEnabled(true);
  process.argv[1] = bundle;
  require(bundle);
}
