import { parseArgs } from 'node:util';
import { loadSettings, SettingsError } from '../platform/settings';
import { banner } from './banner';
import { writeOutputsFile } from './outputs';
import { defaultDataDirectory, startRuntime } from './runtime';

const usage = `Usage: npm start [-- --reset | --in-memory] [--quiet]

  --reset       start from an empty data directory (.local-data/)
  --in-memory   keep nothing: no data directory is read or written
  --quiet       do not print the functions' log lines
  --help        show this help

Environment: PORT (default 4747), HOST (default 127.0.0.1), AWS_REGION (default eu-central-1),
SHOP_DATA_DIR (default .local-data), SHOP_ROOT_ACCESS_KEY_ID / SHOP_ROOT_SECRET_ACCESS_KEY
(default test / test) and the settings of platform/settings.ts.`;

function fail(message: string): never {
  console.error(`${message}\n\n${usage}`);
  process.exit(2);
}

async function main(): Promise<void> {
  let flags;
  try {
    flags = parseArgs({
      options: {
        reset: { type: 'boolean', default: false },
        'in-memory': { type: 'boolean', default: false },
        quiet: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
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

  const port = process.env.PORT === undefined || process.env.PORT === '' ? 4747 : Number(process.env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`PORT="${process.env.PORT}" is not a port number`);
  let settings;
  try {
    settings = loadSettings();
  } catch (error) {
    if (error instanceof SettingsError) fail(error.message);
    throw error;
  }
  const rootKey = process.env.SHOP_ROOT_ACCESS_KEY_ID;
  const rootSecret = process.env.SHOP_ROOT_SECRET_ACCESS_KEY;
  if ((rootKey === undefined) !== (rootSecret === undefined)) {
    fail('Set both SHOP_ROOT_ACCESS_KEY_ID and SHOP_ROOT_SECRET_ACCESS_KEY, or neither');
  }

  const started = Date.now();
  const log = (line: string) => console.log(line);
  const runtime = await startRuntime({
    host: process.env.HOST || '127.0.0.1',
    port,
    settings,
    dataDirectory: process.env.SHOP_DATA_DIR || defaultDataDirectory,
    inMemory: flags['in-memory'],
    reset: flags.reset,
    rootCredentials: rootKey && rootSecret ? { accessKeyId: rootKey, secretAccessKey: rootSecret } : undefined,
    log,
    functionLog: flags.quiet ? () => undefined : log,
    decisionLog: (entry) => {
      if (!flags.quiet) console.log(`[iam] ${entry.explanation}`);
    },
  });

  const shops = await runtime.shopTokens();
  console.log(banner(runtime.outputs, shops));
  if (!flags['in-memory']) console.log(`  Outputs written to ${writeOutputsFile(runtime.outputs.dataDirectory, runtime.outputs)}`);
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

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
