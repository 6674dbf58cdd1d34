import { banner } from './banner';
import { DeploymentState } from './deployment/deployment-state';
import { renderExplanation } from './deployment/explain';
import { readDeployment } from './deployment/read-deployment';
import { localAccount } from './local-account';
import { writeOutputsFile, type RuntimeOutputs } from './outputs';
import { PortInUseError, startRuntime } from './runtime';
import { InMemoryDocumentStore } from './state/document-store';
import { StateError } from './state/errors';
import { AssemblyError } from './terraform/assembly-error';
import { loadSynthesizedApp } from './terraform/synthesized-app';

/**
 * What `npm start` does once its arguments are checked (main.ts): runs the
 * synthesized stacks until stopped, or explains them. Its own module, which
 * main.ts loads only then, so that --help and a usage error do not wait for
 * the whole runtime to load.
 */
export interface StartOptions {
  stacksDirectory: string;
  port: number;
  host: string;
  dataDirectory: string;
  inMemory: boolean;
  reset: boolean;
  quiet: boolean;
  verbose: boolean;
  rootCredentials?: { accessKeyId: string; secretAccessKey: string };
  crashAfterTransactionWrites?: number;
  /** When npm start began, for the "Ready in" line. */
  started: number;
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

/** `--explain`: what the stacks declare that is not emulated offline. */
export function explainStacks(stacksDirectory: string, port: number): void {
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
}

function writeOutputs(outputs: RuntimeOutputs, shops: ReadonlyArray<{ shopId: string; shopToken?: string }>): string {
  const shopTokensAtStart = Object.fromEntries(shops.flatMap((shop) => (shop.shopToken ? [[shop.shopId, shop.shopToken]] : [])));
  return writeOutputsFile(outputs.dataDirectory, { ...outputs, shopTokensAtStart });
}

/** Runs the stacks until SIGINT or SIGTERM, after printing the banner and writing outputs.json. */
export async function startPlatform(options: StartOptions): Promise<void> {
  const { stacksDirectory, host, quiet, verbose, inMemory } = options;
  warnIfReachable(host, options.rootCredentials !== undefined);
  const log = (line: string) => console.log(line);
  // Every file this process creates (DynamoDB's among them) is owner-only, like the data directory.
  process.umask(0o077);
  const runtime = await startRuntime({
    host,
    port: options.port,
    stacksDirectory,
    dataDirectory: options.dataDirectory,
    inMemory,
    reset: options.reset,
    crashAfterTransactionWrites: options.crashAfterTransactionWrites,
    rootCredentials: options.rootCredentials,
    log,
    functionLog: quiet ? () => undefined : log,
    // Denials always say why; allows, one per signed call, only with --verbose (the access line sums them up).
    decisionLog: (entry) => {
      if (entry.decision !== 'Allow' || verbose) console.log(`[iam] ${entry.explanation}`);
    },
    accessLog: quiet ? undefined : (line) => console.log(`[access] ${line}`),
    // The shop tokens are seeded anew: outputs.json says which.
    afterReset: async (reset) => {
      if (!inMemory) writeOutputs(reset.outputs, await reset.shopTokens());
    },
  }).catch(refuseStart);

  const shops = await runtime.shopTokens();
  console.log(banner(runtime.outputs, shops));
  console.log(`  Stacks          ${stacksDirectory}`);
  if (!inMemory) console.log(`  Outputs written to ${writeOutputs(runtime.outputs, shops)}`);
  console.log(`  Ready in ${((Date.now() - options.started) / 1000).toFixed(1)} s. Stop with Ctrl+C.\n`);

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void runtime.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
