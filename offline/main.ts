import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { localAccount } from './local-account';
import { defaultDataDirectory } from './state/default-data-directory';
import { repositoryRoot, synthesisNeeded, synthesize } from './synthesis';

const usage = `Usage: npm start [-- --reset | --in-memory] [--quiet | --verbose] [--stacks DIR] [--explain]

  --reset         start from an empty data directory (.local-data/)
  --in-memory     keep nothing: no data directory is read or written
  --quiet         print only refusals: no access lines, function log lines or IAM allows
  --verbose       print every IAM decision in full (by default: denials only)
  --stacks DIR    run an already synthesized directory (cdktf.out of another checkout,
                  a changed copy); without it, cdktf.out is synthesized when stale
  --explain       list what the stacks declare that is not emulated offline, and exit
  -h, --help      show this help

A running platform goes back to its seeded state, ids kept, with
  curl -X POST --aws-sigv4 "aws:amz:<region>:platform" --user test:test http://127.0.0.1:${localAccount.defaultPort}/_platform/reset

Environment: PORT (default ${localAccount.defaultPort}), HOST (default ${localAccount.defaultHost}), SHOP_DATA_DIR (default .local-data),
SHOP_ROOT_ACCESS_KEY_ID / SHOP_ROOT_SECRET_ACCESS_KEY (default test / test), and the settings of
platform/settings.ts (SHOP_*, AWS_REGION), which the stacks are synthesized with.`;

function fail(message: string): never {
  console.error(`${message}\n\n${usage}`);
  process.exit(2);
}

/** The synthesized stacks to run: `--stacks DIR` as it is, or cdktf.out, synthesized first when stale. */
function stacksToRun(given: string | undefined): string {
  if (given !== undefined) return resolve(given);
  const outdir = resolve(repositoryRoot, process.env.CDKTF_OUTDIR || 'cdktf.out');
  const reason = synthesisNeeded(outdir, process.env);
  if (reason === undefined) return outdir;
  console.log(`Synthesizing the stacks into ${outdir} (${reason}) ...`);
  const result = synthesize(outdir, process.env);
  if (!result.ok) {
    if (result.exitCode === 2) fail(result.output);
    console.error(`Synthesizing the stacks failed:\n${result.output}`);
    process.exit(1);
  }
  return outdir;
}

async function main(): Promise<void> {
  let flags;
  try {
    flags = parseArgs({
      options: {
        reset: { type: 'boolean', default: false },
        'in-memory': { type: 'boolean', default: false },
        quiet: { type: 'boolean', default: false },
        verbose: { type: 'boolean', default: false },
        stacks: { type: 'string' },
        explain: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }).values;
  } catch (error) {
    fail((error as Error).message);
  }
  if (flags.help) {
    console.log(usage);
    return;
  }
  if (flags.reset && flags['in-memory']) fail('--reset and --in-memory do not go together');
  if (flags.quiet && flags.verbose) fail('--quiet and --verbose do not go together');

  const port = process.env.PORT === undefined || process.env.PORT === '' ? localAccount.defaultPort : Number(process.env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`PORT="${process.env.PORT}" is not a port number`);
  const rootKey = process.env.SHOP_ROOT_ACCESS_KEY_ID;
  const rootSecret = process.env.SHOP_ROOT_SECRET_ACCESS_KEY;
  if ((rootKey === undefined) !== (rootSecret === undefined)) {
    fail('Set both SHOP_ROOT_ACCESS_KEY_ID and SHOP_ROOT_SECRET_ACCESS_KEY, or neither');
  }

  // A test hook for crash recovery: the process kills itself in the middle of a DynamoDB transaction.
  const crashAfter = process.env.SHOP_FAULT_CRASH_AFTER_TRANSACTION_WRITES;
  const crashAfterTransactionWrites = crashAfter ? Number(crashAfter) : undefined;
  if (crashAfterTransactionWrites !== undefined && !(Number.isInteger(crashAfterTransactionWrites) && crashAfterTransactionWrites > 0)) {
    fail(`SHOP_FAULT_CRASH_AFTER_TRANSACTION_WRITES="${crashAfter}" is not a positive whole number`);
  }

  const started = Date.now();
  const stacksDirectory = stacksToRun(flags.stacks);
  // The runtime loads only now: --help and a usage error answer without it.
  const { explainStacks, startPlatform } = await import('./start-platform');
  if (flags.explain) {
    explainStacks(stacksDirectory, port);
    return;
  }
  await startPlatform({
    stacksDirectory,
    port,
    host: process.env.HOST || localAccount.defaultHost,
    dataDirectory: resolve(process.env.SHOP_DATA_DIR || defaultDataDirectory),
    inMemory: flags['in-memory'],
    reset: flags.reset,
    quiet: flags.quiet,
    verbose: flags.verbose,
    rootCredentials: rootKey && rootSecret ? { accessKeyId: rootKey, secretAccessKey: rootSecret } : undefined,
    crashAfterTransactionWrites,
    started,
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
