import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { bufferRequest } from '../http/buffered-request';
import { InMemoryDocumentStore, type DocumentStore } from '../state/document-store';
import { DynamoDbService, dynamoDbTargetPrefix } from './dynamodb-service';
import { startLocalDynamoDb, type LocalDynamoDb } from './local-dynamodb';
import { recoverInterruptedTransaction, TransactionJournal } from './transaction-journal';
import { LocalTransactions } from './transactions';
import { WriteLock } from './write-lock';

export interface DynamoDbServer {
  /** `http://127.0.0.1:<port>` */
  endpoint: string;
  dynamoDb: LocalDynamoDb;
  close(): Promise<void>;
}

/**
 * The offline DynamoDB (dynalite plus the runtime's transactions) alone on a
 * port, without SigV4 or IAM, as dynalite itself runs: for tests of code that
 * uses DynamoDB and for benchmarks.
 */
export async function startDynamoDbServer(options: { directory?: string; store?: DocumentStore } = {}): Promise<DynamoDbServer> {
  const dynamoDb = await startLocalDynamoDb({ directory: options.directory });
  const journal = new TransactionJournal(options.store ?? new InMemoryDocumentStore());
  await recoverInterruptedTransaction(dynamoDb, journal);
  const lock = new WriteLock();
  const service = new DynamoDbService(dynamoDb, new LocalTransactions(dynamoDb, lock, journal), lock);
  const server = createServer((incoming, response) => {
    const target = String(incoming.headers['x-amz-target'] ?? '');
    const operation = target.startsWith(`${dynamoDbTargetPrefix}.`) ? target.slice(dynamoDbTargetPrefix.length + 1) : target;
    bufferRequest(incoming, 16 * 1024 * 1024)
      .then((request) => service.serve(request, response, operation))
      .catch((error: unknown) => {
        if (!response.headersSent) response.writeHead(500, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ __type: 'InternalServerError', message: String(error) }));
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    dynamoDb,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await dynamoDb.close();
    },
  };
}
