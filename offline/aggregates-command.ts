import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { CliError, readOutputs, rootCredentials } from './cli/platform-session';
import type { RuntimeOutputs } from './outputs';

/**
 * `npm run aggregates -- verify|reconcile`: invokes the stacks' reconcile
 * function on the running offline platform through Lambda's Invoke API, with
 * the account's administrator keys, exactly as `aws lambda invoke` would on
 * AWS, and prints its report.
 */
const usage = `Usage: npm run aggregates -- verify | reconcile

  verify      recount the shops' sales and the platform's figures from the orders and
              report any difference from the aggregate items; changes nothing
  reconcile   recount and correct the aggregate items (what terraform apply runs)

The offline platform must be running (npm start). Environment: SHOP_DATA_DIR (default .local-data),
SHOP_ROOT_ACCESS_KEY_ID / SHOP_ROOT_SECRET_ACCESS_KEY (default test / test).
Exit status: 0 when the aggregates matched the orders (or were corrected), 1 when verify found a
difference, 2 on a usage error, 3 when the platform cannot be reached or the function failed.`;


interface Report {
  consistent: boolean;
  shops: number;
  orders: number;
  customers: number;
  differences: { aggregate: string; field: string; expected: number; found: number }[];
  differenceCount: number;
  missingCustomerMarkers: number;
  corrected?: number;
  markersWritten?: number;
}

function exit(code: number, message: string): never {
  (code === 0 ? console.log : console.error)(message);
  process.exit(code);
}


function functionName(outputs: RuntimeOutputs): string {
  for (const stack of Object.values(outputs.stackOutputs ?? {})) {
    const name = stack.reconcile_aggregates_function;
    if (typeof name === 'string') return name;
  }
  return exit(3, 'The running stacks have no reconcile_aggregates_function output: restart npm start so it synthesizes the current stacks');
}

function describe(mode: string, report: Report): string {
  const lines = [`Recount: ${report.shops} shops, ${report.orders} orders, ${report.customers} customers.`];
  for (const difference of report.differences) {
    lines.push(`  ${difference.aggregate} ${difference.field}: the orders say ${difference.expected}, the aggregate held ${difference.found}`);
  }
  if (report.differenceCount > report.differences.length) lines.push(`  … and ${report.differenceCount - report.differences.length} more`);
  if (report.missingCustomerMarkers > 0) lines.push(`  ${report.missingCustomerMarkers} customer(s) with orders have no marker`);
  if (mode === 'verify') lines.push(report.consistent ? 'The aggregates match the orders.' : 'The aggregates differ from the orders; run: npm run aggregates -- reconcile');
  else lines.push(report.consistent ? 'The aggregates matched the orders; nothing to correct.' : `Corrected ${report.corrected ?? 0} aggregate item(s), wrote ${report.markersWritten ?? 0} customer marker(s).`);
  return lines.join('\n');
}

async function main(): Promise<void> {
  const [mode, ...rest] = process.argv.slice(2);
  if (mode === '--help' || mode === '-h') exit(0, usage);
  if ((mode !== 'verify' && mode !== 'reconcile') || rest.length > 0) exit(2, usage);
  let outputs: RuntimeOutputs;
  try {
    outputs = readOutputs();
  } catch (error) {
    if (error instanceof CliError) exit(error.exitCode, error.message);
    throw error;
  }
  const client = new LambdaClient({
    endpoint: outputs.endpoint,
    region: outputs.region,
    credentials: rootCredentials(),
    maxAttempts: 1,
  });
  const name = functionName(outputs);
  let answer;
  try {
    answer = await client.send(new InvokeCommand({ FunctionName: name, Payload: Buffer.from(JSON.stringify({ mode })) }));
  } catch (error) {
    exit(3, `Could not invoke ${name} at ${outputs.endpoint}: ${error instanceof Error ? error.message : String(error)}\nIs npm start running?`);
  }
  const payload: unknown = JSON.parse(Buffer.from(answer.Payload ?? []).toString('utf8') || 'null');
  if (answer.FunctionError) exit(3, `${name} failed: ${JSON.stringify(payload)}`);
  const report = payload as Report;
  exit(mode === 'verify' && !report.consistent ? 1 : 0, describe(mode, report));
}

void main();
