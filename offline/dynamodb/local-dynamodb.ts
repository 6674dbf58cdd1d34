import dynalite from 'dynalite';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request as httpRequest, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { replayRequest, type BufferedRequest } from '../http/buffered-request';

/**
 * The DynamoDB API, answered by dynalite inside this process. Requests reach it
 * from the runtime's one HTTP port after SigV4 and IAM checks; dynalite itself
 * listens only on a private Unix socket so it can be closed cleanly (its
 * LevelDB store must be released before a restart in the same process).
 */
export interface LocalDynamoDb {
  handle(request: BufferedRequest, response: ServerResponse): void;
  /** Calls the API directly, for the runtime's own set-up (create table, seed). */
  call<T>(operation: string, input: object): Promise<T>;
  close(): Promise<void>;
}

export class DynamoDbError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

export async function startLocalDynamoDb(options: { directory?: string }): Promise<LocalDynamoDb> {
  const server: Server = dynalite({ path: options.directory, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  const socketDirectory = mkdtempSync(join(tmpdir(), 'shop-dynalite-'));
  const socketPath = join(socketDirectory, 'dynalite.sock');
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, resolve);
  });

  // Kept-alive connections: a transaction makes several calls, each a new connection would cost more than the call.
  const agent = new Agent({ keepAlive: true });
  const call = <T>(operation: string, input: object): Promise<T> =>
    new Promise((resolve, reject) => {
      const body = JSON.stringify(input);
      const outgoing = httpRequest(
        {
          socketPath,
          agent,
          method: 'POST',
          path: '/',
          headers: {
            'content-type': 'application/x-amz-json-1.0',
            'x-amz-target': `DynamoDB_20120810.${operation}`,
            // dynalite only checks that credentials are present; the runtime verified the caller.
            authorization: 'AWS4-HMAC-SHA256 Credential=runtime/20000101/local/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
            'x-amz-date': '20000101T000000Z',
          },
        },
        (incoming) => {
          const chunks: Buffer[] = [];
          incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
          incoming.on('end', () => {
            const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
            if ((incoming.statusCode ?? 500) >= 400) {
              const type = String(parsed.__type ?? 'UnknownError').split('#').pop() ?? 'UnknownError';
              reject(new DynamoDbError(type, String(parsed.message ?? parsed.Message ?? type)));
            } else {
              resolve(parsed as T);
            }
          });
        },
      );
      outgoing.on('error', reject);
      outgoing.end(body);
    });

  return {
    handle(request, response) {
      server.emit('request', replayRequest(request), response);
    },
    call,
    close: () =>
      new Promise<void>((resolve, reject) => {
        agent.destroy();
        server.close((error?: Error) => {
          rmSync(socketDirectory, { recursive: true, force: true });
          if (error) reject(error);
          else resolve();
        });
      }),
  };
}
