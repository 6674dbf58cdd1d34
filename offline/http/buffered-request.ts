import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';

/** A request read to its end, so it can be verified before anything handles it. */
export interface BufferedRequest {
  method: string;
  /** Path and query exactly as received. */
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  remoteAddress: string;
}

export class RequestTooLargeError extends Error {}

/**
 * Reads a request body, refusing more than `maxBytes`. An oversized body is
 * still read to its end (and dropped), so the client gets the refusal instead
 * of a connection reset in the middle of its upload.
 */
export function bufferRequest(request: IncomingMessage, maxBytes: number): Promise<BufferedRequest> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
    });
    request.on('error', reject);
    request.on('end', () => {
      if (size > maxBytes) {
        reject(new RequestTooLargeError(`The request body is larger than ${maxBytes} bytes`));
        return;
      }
      resolve({
        method: request.method ?? 'GET',
        url: request.url ?? '/',
        headers: request.headers,
        body: Buffer.concat(chunks),
        remoteAddress: request.socket.remoteAddress ?? '127.0.0.1',
      });
    });
  });
}

/** Replays a buffered request as a readable stream for handlers that read the body themselves. */
export function replayRequest(request: BufferedRequest): IncomingMessage {
  const stream = Readable.from(request.body.length > 0 ? [request.body] : []) as Readable & Partial<IncomingMessage>;
  return Object.assign(stream, { method: request.method, url: request.url, headers: request.headers }) as IncomingMessage;
}
