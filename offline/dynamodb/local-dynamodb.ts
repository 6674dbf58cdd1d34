import dynalite from 'dynalite';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { replayRequest, type BufferedRequest } from '../http/buffered-request';
import { CapturedResponse } from './captured-response';

/**
 * The DynamoDB API, answered by dynalite inside this process. Requests reach
 * its request handler from the runtime's one HTTP port after SigV4 and IAM
 * checks, and the runtime's own calls reach it directly. Nothing connects to
 * dynalite's server; it listens on a private Unix socket only so that closing
 * it releases its LevelDB store (needed before a restart in the same process).
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

  // The runtime's own calls (transactions, set-up) go straight to dynalite's request handler: the same
  // validation and storage as a client's call, without a socket round trip for each of a transaction's items.
  const call = <T>(operation: string, input: object): Promise<T> =>
    new Promise((resolve, reject) => {
      const request: BufferedRequest = {
        method: 'POST',
        url: '/',
        headers: {
          'content-type': 'application/x-amz-json-1.0',
          'x-amz-target': `DynamoDB_20120810.${operation}`,
          // dynalite only checks that credentials are present; the runtime verified the caller.
          authorization: 'AWS4-HMAC-SHA256 Credential=runtime/20000101/local/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
          'x-amz-date': '20000101T000000Z',
        },
        body: Buffer.from(JSON.stringify(input)),
        remoteAddress: '127.0.0.1',
      };
      const answer = new CapturedResponse((statusCode, body) => {
        const parsed = JSON.parse(body || '{}') as Record<string, unknown>;
        if (statusCode >= 400) {
          const type = String(parsed.__type ?? 'UnknownError').split('#').pop() ?? 'UnknownError';
          reject(new DynamoDbError(type, String(parsed.message ?? parsed.Message ?? type)));
        } else {
          resolve(parsed as T);
        }
      });
      server.emit('request', replayRequest(request), answer);
    });

  return {
    handle(request, response) {
      server.emit('request', replayRequest(request), response);
    },
    call,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error?: Error) => {
          rmSync(socketDirectory, { recursive: true, force: true });
          if (error) reject(error);
          else resolve();
        });
      }),
  };
}
