import { Hash } from '@smithy/hash-node';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { CliError, credentialsFor, currentShopToken, readOutputs } from './cli/platform-session';

/**
 * `npm run call -- --as <email|guest> METHOD PATH`: signs a call to the running
 * offline API with that caller's identity-pool credentials and prints the answer.
 */
const usage = `Usage: npm run --silent call -- --as <email|guest> [--shop <id>] [--data <json>] [--include] METHOD PATH

  --as <email|guest>   who calls: a user of the pool (test users' password; SHOP_PASSWORD for another)
                       or a new guest identity
  --shop <id>          adds shopToken=<the shop's current token> to the query
  --data <json>        the request body (sent as application/json)
  --include, -i        prints the response headers too
  METHOD PATH          e.g. GET '/products?shopId=0001' — PATH is below the stage (/prod)

Examples:
  npm run --silent call -- --as registeredcustomer1@example.com GET /orders
  npm run --silent call -- --as guest --shop 0001 GET '/products?shopId=0001'
  npm run --silent call -- --as guest --shop 0001 --data '{"shopId":"0001","phoneNumber":"+41790000000","name":"Ada","items":[{"productId":"0011","quantity":1}]}' POST /order

Exit status: 0 for a 2xx answer, 1 for any other answer, 2 on a usage error, 3 when the platform cannot be reached.`;

interface CallArguments {
  as: string;
  shop?: string;
  data?: string;
  include: boolean;
  method: string;
  path: string;
}

function parseArguments(args: string[]): CallArguments {
  const positional: string[] = [];
  const parsed: Partial<CallArguments> = { include: false };
  for (let index = 0; index < args.length; index++) {
    const arg = args[index];
    const value = () => {
      const next = args[++index];
      if (next === undefined) throw new CliError(`${arg} needs a value\n\n${usage}`, 2);
      return next;
    };
    if (arg === '--as') parsed.as = value();
    else if (arg === '--shop') parsed.shop = value();
    else if (arg === '--data' || arg === '-d') parsed.data = value();
    else if (arg === '--include' || arg === '-i') parsed.include = true;
    else if (arg.startsWith('-')) throw new CliError(`Unknown option ${arg}\n\n${usage}`, 2);
    else positional.push(arg);
  }
  if (!parsed.as) throw new CliError(`Say who calls with --as <email|guest>\n\n${usage}`, 2);
  if (positional.length !== 2) throw new CliError(`Give a METHOD and a PATH\n\n${usage}`, 2);
  const [method, path] = positional;
  if (!/^[A-Za-z]+$/.test(method)) throw new CliError(`"${method}" is not an HTTP method`, 2);
  if (!path.startsWith('/')) throw new CliError(`PATH must start with /, e.g. /orders`, 2);
  if (parsed.data !== undefined) {
    try {
      JSON.parse(parsed.data);
    } catch (error) {
      throw new CliError(`--data is not JSON: ${error instanceof Error ? error.message : String(error)}`, 2);
    }
  }
  return { ...parsed, as: parsed.as, include: parsed.include ?? false, method: method.toUpperCase(), path };
}

async function main(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(usage);
    return 0;
  }
  const call = parseArguments(args);
  const outputs = readOutputs();
  const url = new URL(`${outputs.apiUrl}${call.path}`);
  if (call.shop !== undefined) url.searchParams.set('shopToken', await currentShopToken(outputs, call.shop));
  const credentials = await credentialsFor(outputs, call.as);

  const query: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>;
  for (const [name, value] of url.searchParams) {
    const existing = query[name];
    query[name] = existing === undefined ? value : ([] as string[]).concat(existing, value);
  }
  const headers: Record<string, string> = { host: url.host, ...(call.data === undefined ? {} : { 'content-type': 'application/json' }) };
  const signer = new SignatureV4({ service: 'execute-api', region: outputs.region, credentials, sha256: Hash.bind(null, 'sha256') });
  const signed = await signer.sign(
    new HttpRequest({ method: call.method, protocol: url.protocol, hostname: url.hostname, port: Number(url.port), path: url.pathname, query, headers, body: call.data }),
  );
  let response: Response;
  try {
    response = await fetch(url, { method: call.method, headers: signed.headers, body: call.data });
  } catch (error) {
    throw new CliError(`Could not reach ${url.origin}: ${error instanceof Error ? error.message : String(error)}\nIs npm start running?`);
  }
  const text = await response.text();
  console.log(`HTTP ${response.status} ${response.statusText}`);
  if (call.include) for (const [name, value] of response.headers) console.log(`${name}: ${value}`);
  let body = text;
  try {
    body = JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    // Not JSON: printed as it came.
  }
  if (body !== '') console.log(body);
  return response.ok ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(error instanceof CliError ? error.exitCode : 1);
  },
);
