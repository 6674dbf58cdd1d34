import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { banner } from './banner';
import { DeploymentState } from './deployment/deployment-state';
import { renderExplanation } from './deployment/explain';
import { readDeployment } from './deployment/read-deployment';
import { localAccount } from './local-account';
import { writeOutputsFile, type RuntimeOutputs } from './outputs';
import { defaultDataDirectory, PortInUseError, startRuntime } from './runtime';
import { InMemoryDocumentStore } from './state/document-store';
import { StateError } from './state/errors';
import { repositoryRoot, synthesisNeeded, synthesize } from './synthesis';
import { AssemblyError } from './terraform/assembly-error';
import { loadSynthesizedApp } from './terraform/synthesized-app';

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

function refuseStart(error: unknown): never {
  if (error instanceof AssemblyError) {
    console.error(`The offline platform cannot run these stacks as AWS would, so it does not start:\n  ${error.message}`);
    process.exit(3);
  }
  if (error instanceof StateError || error instanceof PortInUseError) {
    console.error(`The offline platform does not start: ${error.message}`);
    process.exit(3);
  }
  throw error;
}

/** Anyone who can reach the port holds the administrator keys (test/test by default). */
function warnIfReachable(host: string, customRootKeys: boolean): void {
  const loopback = host === 'localhost' || host === '::1' || host.startsWith('127.');
  if (loopback) return;
  console.warn(
    `Warning: HOST=${host} lets other machines reach the platform, and its administrator keys are ` +
      (customRootKeys ? 'the SHOP_ROOT_* keys you set.' : 'test/test: set SHOP_ROOT_ACCESS_KEY_ID and SHOP_ROOT_SECRET_ACCESS_KEY, or keep HOST=127.0.0.1.'),
  );
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

  const started = Date.now();
  const stacksDirectory = stacksToRun(flags.stacks);
  if (flags.explain) {
    try {
      const app = loadSynthesizedApp(stacksDirectory);
      const deployment = readDeployment({
        app,
        state: new DeploymentState(new InMemoryDocumentStore()),
        accountId: localAccount.accountId,
        endpoint: `http://${localAccount.defaultHost}:${port}`,
      });
      console.log(`The stacks of ${stacksDirectory}, as the offline platform runs them.\n`);
      console.log(renderExplanation(deployment.notEmulated));
    } catch (error) {
      refuseStart(error);
    }
    return;
  }

  const host = process.env.HOST || localAccount.defaultHost;
  warnIfReachable(host, rootKey !== undefined);
  const log = (line: string) => console.log(line);
  const dataDirectory = resolve(process.env.SHOP_DATA_DIR || defaultDataDirectory);
  // Every file this process creates (DynamoDB's among them) is owner-only, like the data directory.
  process.umask(0o077);
  // A test hook for crash recovery: the process kills itself in the middle of a DynamoDB transaction.
  const crashAfter = process.env.SHOP_FAULT_CRASH_AFTER_TRANSACTION_WRITES;
  const crashAfterTransactionWrites = crashAfter ? Number(crashAfter) : undefined;
  if (crashAfterTransactionWrites !== undefined && !(Number.isInteger(crashAfterTransactionWrites) && crashAfterTransactionWrites > 0)) {
    fail(`SHOP_FAULT_CRASH_AFTER_TRANSACTION_WRITES="${crashAfter}" is not a positive whole number`);
  }
  const runtime = await startRuntime({
    host,
    port,
    stacksDirectory,
    dataDirectory,
    inMemory: flags['in-memory'],
    reset: flags.reset,
    crashAfterTransactionWrites,
    rootCredentials: rootKey && rootSecret ? { accessKeyId: rootKey, secretAccessKey: rootSecret } : undefined,
    log,
    functionLog: flags.quiet ? () => undefined : log,
    // Denials always say why; allows, one per signed call, only with --verbose (the access line sums them up).
    decisionLog: (entry) => {
      if (entry.decision !== 'Allow' || flags.verbose) console.log(`[iam] ${entry.explanation}`);
    },
    accessLog: flags.quiet ? undefined : (line) => console.log(`[access] ${line}`),
    // The shop tokens are seeded anew: outputs.json says which.
    afterReset: async (reset) => {
      if (!flags['in-memory']) writeOutputs(reset.outputs, await reset.shopTokens());
    },
  }).catch(refuseStart);

  const shops = await runtime.shopTokens();
  console.log(banner(runtime.outputs, shops));
  console.log(`  Stacks          ${stacksDirectory}`);
  if (!flags['in-memory']) console.log(`  Outputs written to ${writeOutputs(runtime.outputs, shops)}`);
  console.log(`  Ready in ${((Date.now() - started) / 1000).toFixed(1)} s. Stop with Ctrl+C.\n`);

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void runtime.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

function writeOutputs(outputs: RuntimeOutputs, shops: ReadonlyArray<{ shopId: string; shopToken?: string }>): string {
  const shopTokensAtStart = Object.fromEntries(shops.flatMap((shop) => (shop.shopToken ? [[shop.shopId, shop.shopToken]] : [])));
  return writeOutputsFile(outputs.dataDirectory, { ...outputs, shopTokensAtStart });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
