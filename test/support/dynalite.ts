import { CreateTableCommand, DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { startDynamoDbServer } from '../../offline/dynamodb/dynamodb-server';
import { createTableRequest } from '../../platform/table';

/**
 * A real DynamoDB API for tests: the offline runtime's DynamoDB (dynalite with
 * the runtime's transactions) in this process, in memory, on a random port,
 * with the platform's table created from its shared schema.
 */
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
  const server = await startDynamoDbServer();
  const { endpoint } = server;
  const client = new DynamoDBClient({ endpoint, region: testRegion, credentials: testCredentials });
  await client.send(new CreateTableCommand(createTableRequest(tableName)));
  await waitUntilActive(client, tableName);
  return {
    endpoint,
    tableName,
    client,
    stop: async () => {
      client.destroy();
      await server.close();
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
