import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CognitoIdentityClient, GetCredentialsForIdentityCommand, GetIdCommand } from '@aws-sdk/client-cognito-identity';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { repositoryRoot } from '../../../bundling/bundle-lambda';
import { copyOfAppliedData } from '../../support/applied-data';
import { npmScriptNodeArguments } from '../../support/npm-script';
import { signedFetch, type AwsCredentials } from '../../support/signed-fetch';
import { testStacksDirectory } from '../../support/test-stacks';
import { childEnvironment } from '../../support/child-environment';

/**
 * The platform killed with SIGKILL in the middle of placing orders, then
 * started again on the same data directory: every order is there with its
 * aggregate updates or not at all, and every order a client was told about
 * (201) is there.
 */
const npmStart = npmScriptNodeArguments('start');
const root = { accessKeyId: 'test', secretAccessKey: 'test' };

interface Running {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
  endpoint: string;
  tokens: Record<string, string>;
}

async function start(dataDirectory: string, env: Record<string, string> = {}): Promise<Running> {
  const child = spawn(process.execPath, [...npmStart, '--quiet', '--stacks', testStacksDirectory()], {
    cwd: repositoryRoot,
    env: childEnvironment({ PORT: '0', SHOP_DATA_DIR: dataDirectory, ...env }),
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const deadline = Date.now() + 90_000;
  while (!output.includes('Ready in')) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`The platform did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const endpoint = /Endpoint\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
  if (!endpoint) throw new Error(`No endpoint in:\n${output}`);
  const tokens = Object.fromEntries([...output.matchAll(/shop (\d{4}): ([2-9A-HJ-NP-Z]{10})/g)].map((match) => [match[1], match[2]]));
  return { child, output: () => output, exited, endpoint, tokens };
}

function outputsOf(dataDirectory: string) {
  return JSON.parse(readFileSync(join(dataDirectory, 'outputs.json'), 'utf8')) as {
    region: string;
    identityPoolId: string;
    tableName: string;
    stackOutputs: { api: { reconcile_aggregates_function: string } };
  };
}

async function guestCredentials(endpoint: string, dataDirectory: string): Promise<AwsCredentials> {
  const { region, identityPoolId } = outputsOf(dataDirectory);
  const client = new CognitoIdentityClient({ endpoint, region, credentials: root });
  const { IdentityId } = await client.send(new GetIdCommand({ IdentityPoolId: identityPoolId }));
  const { Credentials } = await client.send(new GetCredentialsForIdentityCommand({ IdentityId }));
  client.destroy();
  return { accessKeyId: Credentials!.AccessKeyId!, secretAccessKey: Credentials!.SecretKey!, sessionToken: Credentials!.SessionToken! };
}

/** The orders in the table and the reconcile function's verdict on the aggregates. */
async function inspect(endpoint: string, dataDirectory: string) {
  const outputs = outputsOf(dataDirectory);
  const config = { endpoint, region: outputs.region, credentials: root };
  const documents = DynamoDBDocumentClient.from(new DynamoDBClient(config));
  const orderIds = new Set<string>();
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await documents.send(new ScanCommand({ TableName: outputs.tableName, ConsistentRead: true, ExclusiveStartKey }));
    for (const item of page.Items ?? []) if (item.entityType === 'order') orderIds.add(String(item.orderId));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  documents.destroy();
  const lambda = new LambdaClient(config);
  const answer = await lambda.send(
    new InvokeCommand({ FunctionName: outputs.stackOutputs.api.reconcile_aggregates_function, Payload: Buffer.from('{"mode":"verify"}') }),
  );
  lambda.destroy();
  return { orderIds, verify: JSON.parse(Buffer.from(answer.Payload ?? []).toString('utf8')) as Record<string, unknown> };
}

const order = (endpoint: string, region: string, who: AwsCredentials, token: string, index: number) =>
  signedFetch(endpoint, who, {
    region,
    method: 'POST',
    path: `/prod/order?shopToken=${token}`,
    body: JSON.stringify({ shopId: '0001', phoneNumber: '+41790000011', name: `Crash ${index}`, items: [{ productId: '0011', quantity: 1 + (index % 3) }] }),
  });

describe('a crash in the middle of a transaction', () => {
  it('is undone at the next start: the order and its aggregate updates are all gone', async () => {
    // A data directory where the stacks were applied: the transactions of the apply (the reconcile) ran without the fault.
    const dataDirectory = await copyOfAppliedData();
    const faulty = await start(dataDirectory, { SHOP_FAULT_CRASH_AFTER_TRANSACTION_WRITES: '2' });
    const region = outputsOf(dataDirectory).region;
    const before = await inspect(faulty.endpoint, dataDirectory);
    const guest = await guestCredentials(faulty.endpoint, dataDirectory);
    const answer = await order(faulty.endpoint, region, guest, faulty.tokens['0001'], 1).catch((error: Error) => error);
    // The process died after two of the transaction's four writes (order, sales, counter shard, customer marker): the client never hears of the order.
    expect(answer).toMatchObject({ message: 'fetch failed' });
    expect(await faulty.exited).toBeNull();

    const restarted = await start(dataDirectory);
    try {
      expect(restarted.output()).toContain('Undid a DynamoDB transaction interrupted by a crash: 4 item(s) put back as they were');
      const after = await inspect(restarted.endpoint, dataDirectory);
      expect(after.orderIds).toEqual(before.orderIds);
      expect(after.verify).toMatchObject({ consistent: true, differences: [], missingCustomerMarkers: 0 });
    } finally {
      restarted.child.kill('SIGTERM');
      await restarted.exited;
    }
  }, 240_000);
});

describe('kill -9 during a burst of orders', () => {
  it('keeps every acknowledged order, and the aggregates equal the recount after the restart', async () => {
    const dataDirectory = await copyOfAppliedData();
    const running = await start(dataDirectory);
    const region = outputsOf(dataDirectory).region;
    const guests = await Promise.all(Array.from({ length: 8 }, () => guestCredentials(running.endpoint, dataDirectory)));
    const acknowledged = new Set<string>();
    let settled = 0;
    const burst = Array.from({ length: 160 }, (_, index) =>
      order(running.endpoint, region, guests[index % guests.length], running.tokens['0001'], index).then(
        (answer) => {
          settled += 1;
          if (answer.status === 201) acknowledged.add((answer.body as { orderId: string }).orderId);
        },
        () => {
          settled += 1;
        },
      ),
    );
    // Killed once some orders are through and many are still in flight.
    while (acknowledged.size < 25) await new Promise((resolve) => setTimeout(resolve, 5));
    running.child.kill('SIGKILL');
    await Promise.all(burst);
    await running.exited;
    expect(settled).toBe(160);
    expect(acknowledged.size).toBeLessThan(160);

    const restarted = await start(dataDirectory);
    try {
      const after = await inspect(restarted.endpoint, dataDirectory);
      for (const orderId of acknowledged) expect(after.orderIds).toContain(orderId);
      expect(after.verify).toMatchObject({ consistent: true, differences: [], missingCustomerMarkers: 0 });
    } finally {
      restarted.child.kill('SIGTERM');
      await restarted.exited;
    }
  }, 240_000);
});
