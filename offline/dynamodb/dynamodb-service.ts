import type { ServerResponse } from 'node:http';
import { awsJsonErrorResponse } from '../aws-json/dispatcher';
import { AwsServiceError } from '../aws-json/errors';
import { writeNodeResponse } from '../aws-json/http';
import type { BufferedRequest } from '../http/buffered-request';
import type { LocalDynamoDb } from './local-dynamodb';
import type { LocalTransactions } from './transactions';
import type { WriteLock } from './write-lock';
import { parseBoundedJson } from '../http/bounded-json';

export const dynamoDbTargetPrefix = 'DynamoDB_20120810';
export const dynamoDbContentType = 'application/x-amz-json-1.0';

/** Operations that write: they wait for a running transaction, and a transaction waits for them. */
const writeOperations = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem']);
/** Operations after which a table's key schema may differ. */
const tableOperations = new Set(['CreateTable', 'UpdateTable', 'DeleteTable']);

/**
 * The request body, read once per request: an object, nesting no DynamoDB
 * request has (refused before dynalite's own recursive reader sees it), or
 * anything else (dynalite then answers SerializationException).
 */
export type DynamoDbInput = { kind: 'object'; value: Record<string, unknown> } | { kind: 'too-deep' } | { kind: 'not-an-object' };

export function readDynamoDbInput(request: BufferedRequest): DynamoDbInput {
  const bounded = parseBoundedJson(request.body.length === 0 ? Buffer.from('{}') : request.body);
  if (!bounded.ok) return bounded.tooDeep ? { kind: 'too-deep' } : { kind: 'not-an-object' };
  const parsed = bounded.value;
  if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return { kind: 'object', value: parsed as Record<string, unknown> };
  return { kind: 'not-an-object' };
}

/**
 * The DynamoDB API once the caller is authorized: dynalite answers single-item,
 * batch, query and table calls; transactions are the runtime's own, on top of
 * it, and every other write takes the write lock so it never lands in the
 * middle of a transaction.
 */
export class DynamoDbService {
  constructor(
    private readonly dynamoDb: LocalDynamoDb,
    private readonly transactions: LocalTransactions,
    private readonly writeLock: WriteLock,
  ) {}

  async serve(request: BufferedRequest, response: ServerResponse, operation: string, body: DynamoDbInput = readDynamoDbInput(request)): Promise<void> {
    const requestId = `local-${Date.now()}`;
    if (operation === 'TransactWriteItems' || operation === 'TransactGetItems') {
      const input = body.kind === 'object' ? body.value : undefined;
      try {
        if (input === undefined) throw new AwsServiceError('SerializationException', 'Start of structure or map found where not expected');
        const output = operation === 'TransactWriteItems' ? await this.transactions.write(input) : await this.transactions.get(input);
        return writeNodeResponse(response, {
          statusCode: 200,
          headers: { 'content-type': dynamoDbContentType, 'x-amzn-RequestId': requestId },
          body: JSON.stringify(output),
        });
      } catch (error) {
        if (!(error instanceof AwsServiceError)) throw error;
        return writeNodeResponse(response, awsJsonErrorResponse(error, requestId, dynamoDbContentType));
      }
    }
    const changesTables = tableOperations.has(operation);
    if (!writeOperations.has(operation) && !changesTables) return this.dynamoDb.handle(request, response);
    await this.writeLock.run(
      () =>
        new Promise<void>((resolve) => {
          response.once('finish', resolve);
          response.once('close', resolve);
          this.dynamoDb.handle(request, response);
        }),
    );
    if (changesTables) this.transactions.tablesChanged();
  }
}
