import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createTableRequest } from '../../platform/table';

/**
 * A real DynamoDB API for tests: dynalite in this process, in memory, on a
 * random port, with the platform's table created from its shared schema.
 */
interface DynaliteOptions {
  createTableMs?: number;
  deleteTableMs?: number;
  updateTableMs?: number;
}

// dynalite ships no type declarations; this is the one function the tests use.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const createDynaliteServer = require('dynalite') as (options: DynaliteOptions) => Server;

export const testRegion = 'eu-central-1';
export const testCredentials = { accessKeyId: 'AKIDTESTTESTTESTTEST', secretAccessKey: 'test-secret-access-key' };

export interface RunningDynalite {
  /** `http://127.0.0.1:<port>` */
  endpoint: string;
  tableName: string;
  /** A low-level client pointed at this server, for test set-up and inspection. */
  client: DynamoDBClient;
  stop(): Promise<void>;
}

export async function startDynalite(tableName = 'test-OrdersTable'): Promise<RunningDynalite> {
  const server = createDynaliteServer({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({ endpoint, region: testRegion, credentials: testCredentials });
  await client.send(new CreateTableCommand(createTableRequest(tableName)));
  await waitUntilActive(client, tableName);
  return {
    endpoint,
    tableName,
    client,
    stop: async () => {
      client.destroy();
      await new Promise<void>((resolve, reject) => server.close((error?: Error) => (error ? reject(error) : resolve())));
    },
  };
}

async function waitUntilActive(client: DynamoDBClient, tableName: string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (Table?.TableStatus === 'ACTIVE') return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`Table ${tableName} did not become active`);
}

/**
 * Points the AWS SDK of code imported after this call at the server, the way
 * the offline runtime does: through the standard endpoint variables.
 */
export function useDynaliteEnvironment(dynalite: RunningDynalite): void {
  process.env.AWS_ENDPOINT_URL_DYNAMODB = dynalite.endpoint;
  process.env.AWS_REGION = testRegion;
  process.env.AWS_ACCESS_KEY_ID = testCredentials.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = testCredentials.secretAccessKey;
  delete process.env.AWS_SESSION_TOKEN;
  delete process.env.AWS_PROFILE;
  process.env.TABLE_NAME = dynalite.tableName;
}
