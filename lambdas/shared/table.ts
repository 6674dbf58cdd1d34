import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { traceClient } from './observability';

/**
 * The platform's one table and the clients that reach it. The SDK finds the
 * endpoint itself (AWS_ENDPOINT_URL_DYNAMODB / AWS_ENDPOINT_URL), so the same
 * code talks to DynamoDB on AWS and to dynalite offline and in tests.
 */
export interface Table {
  name: string;
  /** Plain JavaScript values in and out. */
  documents: DynamoDBDocumentClient;
  /** The low-level client underneath, for libraries that need one (idempotency). */
  client: DynamoDBClient;
}

export function openTable(name: string, client: DynamoDBClient = new DynamoDBClient({})): Table {
  const traced = traceClient(client);
  return {
    name,
    client: traced,
    documents: DynamoDBDocumentClient.from(traced, {
      marshallOptions: { removeUndefinedValues: true },
    }),
  };
}
