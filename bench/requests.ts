import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import dynalite from 'dynalite';
import { testUsers } from '../platform/test-users';
import type { ClientJob, ClientReport } from './support/request-client';
import { startBenchPlatform } from './support/bench-platform';
import { percentile } from './support/statistics';

/**
 * Signed calls through the whole offline chain (SigV4, IAM, request
 * validation, the Lambda in its sandbox, DynamoDB), sent by a client in a
 * process of its own after a warm-up, and measured with the server's own CPU
 * accounting (process.cpuUsage: every thread of the server, sandboxes
 * included). Each figure stands beside floors measured in the same run on the
 * same client: a bare Node HTTP server, and dynalite alone answering a GetItem.
 * Usage: npx tsx bench/requests.ts [requests=400] [concurrency=8] [warmup=100]
 */
const total = Number(process.argv[2] ?? 400);
const concurrency = Number(process.argv[3] ?? 8);
const warmup = Number(process.argv[4] ?? 100);
const clientScript = join(__dirname, 'support', 'request-client.ts');

interface Figures {
  label: string;
  perSecond: number;
  p50: number;
  p95: number;
  cpuMsPerCall: number;
  statuses: Record<string, number>;
}

async function measure(label: string, job: Omit<ClientJob, 'warmup' | 'total' | 'concurrency'>): Promise<Figures> {
  const child = spawn(process.execPath, ['--require', 'tsx/cjs', clientScript], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  const nextLine = async (): Promise<string> => {
    const [line] = (await once(lines, 'line')) as [string];
    return line;
  };
  child.stdin.write(`${JSON.stringify({ ...job, warmup, total, concurrency })}\n`);
  if ((await nextLine()) !== 'warm') throw new Error(`${label}: the client did not warm up`);
  const cpuBefore = process.cpuUsage();
  child.stdin.write('go\n');
  const done = await nextLine();
  const cpu = process.cpuUsage(cpuBefore);
  if (!done.startsWith('done ')) throw new Error(`${label}: unexpected client output ${done}`);
  const report = JSON.parse(done.slice(5)) as ClientReport;
  const sorted = [...report.latenciesMs].sort((a, b) => a - b);
  return {
    label,
    perSecond: report.latenciesMs.length / report.seconds,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    cpuMsPerCall: (cpu.user + cpu.system) / 1000 / report.latenciesMs.length,
    statuses: report.statuses,
  };
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function row(figures: Figures, floor: Figures): string {
  const statuses = Object.entries(figures.statuses).map(([status, count]) => `${count}×${status}`).join(' ');
  return (
    `  ${figures.label.padEnd(30)} ${figures.perSecond.toFixed(0).padStart(6)}/s  p50 ${figures.p50.toFixed(1).padStart(6)} ms  ` +
    `p95 ${figures.p95.toFixed(1).padStart(6)} ms  CPU ${figures.cpuMsPerCall.toFixed(3).padStart(7)} ms/call ` +
    `${(figures.cpuMsPerCall / floor.cpuMsPerCall).toFixed(0).padStart(5)}× bare  ${statuses}`
  );
}

async function main(): Promise<void> {
  const bare = createServer((_request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
  const bareEndpoint = await listen(bare);
  const dynamoDb = dynalite({ createTableMs: 0 });
  const dynamoDbEndpoint = await listen(dynamoDb);
  // dynalite wants an Authorization header to be there; it checks nothing in it.
  const dynamoDbHeaders = (target: string) => ({
    'content-type': 'application/x-amz-json-1.0',
    'x-amz-target': `DynamoDB_20120810.${target}`,
    authorization: 'AWS4-HMAC-SHA256 Credential=floor/20260101/eu-central-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
    'x-amz-date': '20260101T000000Z',
  });
  const dynamoDbCall = async (target: string, body: unknown) => {
    const response = await fetch(dynamoDbEndpoint, {
      method: 'POST',
      headers: dynamoDbHeaders(target),
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`dynalite ${target}: ${await response.text()}`);
  };
  await dynamoDbCall('CreateTable', {
    TableName: 'floor',
    KeySchema: [{ AttributeName: 'PK', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'PK', AttributeType: 'S' }],
    BillingMode: 'PAY_PER_REQUEST',
  });
  await dynamoDbCall('PutItem', { TableName: 'floor', Item: { PK: { S: 'SHOP#0001' }, name: { S: 'Floor shop' } } });

  const platform = await startBenchPlatform();
  try {
    const customer = await platform.credentials({ email: testUsers.registeredCustomer1.email });
    const owner = await platform.credentials({ email: testUsers.shop1Owner.email });
    const token = await platform.shopToken('0001');
    const region = platform.settings.region;
    const endpoint = platform.endpoint;
    // A fresh sandbox's first call (module init, then the call), beside the same call once warm.
    const productsPath = `/prod/products?shopId=0001&shopToken=${token}`;
    const timed = async () => {
      const started = performance.now();
      const answer = await platform.call(customer, { method: 'GET', path: productsPath });
      if (answer.status !== 200) throw new Error(`GET /products answered ${answer.status}`);
      return performance.now() - started;
    };
    const firstCall = await timed();
    const warmCalls = [await timed(), await timed(), await timed()].sort((a, b) => a - b);
    console.log(`First call of a fresh sandbox (GET /products): ${firstCall.toFixed(0)} ms; the same call warm: ${warmCalls[1].toFixed(0)} ms (issue 12's target: ≤ 150 ms first call).`);
    console.log(`Client in its own process: ${warmup} warm-up calls, then ${total} measured, concurrency ${concurrency}; CPU is the server process's own (all its threads).`);
    const floor = await measure('floor: bare Node HTTP server', { endpoint: bareEndpoint, region, method: 'GET', path: '/' });
    const dynamoDbFloor = await measure('floor: dynalite GetItem', {
      endpoint: dynamoDbEndpoint,
      region,
      method: 'POST',
      path: '/',
      headers: dynamoDbHeaders('GetItem'),
      body: JSON.stringify({ TableName: 'floor', Key: { PK: { S: 'SHOP#0001' } } }),
    });
    const body = JSON.stringify({ shopId: '0001', phoneNumber: '+41790000030', name: 'Bench', items: [{ productId: '0011', quantity: 2 }] });
    const figures = [
      floor,
      dynamoDbFloor,
      await measure('GET /products', { endpoint, region, credentials: customer, method: 'GET', path: `/prod/products?shopId=0001&shopToken=${token}` }),
      await measure('POST /order', { endpoint, region, credentials: customer, method: 'POST', path: `/prod/order?shopToken=${token}`, body }),
      await measure('GET /shop/0001/orders', { endpoint, region, credentials: owner, method: 'GET', path: '/prod/shop/0001/orders?limit=20' }),
      await measure('GET /shop/0001/sales', { endpoint, region, credentials: owner, method: 'GET', path: '/prod/shop/0001/sales' }),
      await measure('unsigned (refused at once)', { endpoint, region, method: 'GET', path: '/prod/orders' }),
    ];
    for (const figure of figures) console.log(row(figure, floor));
    console.log(`  dynalite alone costs ${(dynamoDbFloor.cpuMsPerCall / floor.cpuMsPerCall).toFixed(0)}× the bare floor per call.`);
    const rss = process.memoryUsage().rss / 2 ** 20;
    console.log(`  Server memory after the load: ${rss.toFixed(0)} MiB resident (issue 12's target: ≤ 500 MiB).`);
  } finally {
    await platform.close();
    bare.close();
    dynamoDb.close();
  }
}

void main();
