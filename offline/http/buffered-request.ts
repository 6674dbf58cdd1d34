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

/** Reads a request body, refusing more than `maxBytes`. */
export async function bufferRequest(request: IncomingMessage, maxBytes: number): Promise<BufferedRequest> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw new RequestTooLargeError(`The request body is larger than ${maxBytes} bytes`);
    chunks.push(chunk as Buffer);
  }
  return {
    method: request.method ?? 'GET',
    url: request.url ?? '/',
    headers: request.headers,
    body: Buffer.concat(chunks),
    remoteAddress: request.socket.remoteAddress ?? '127.0.0.1',
  };
}

/** Replays a buffered request as a readable stream for handlers that read the body themselves. */
export function replayRequest(request: BufferedRequest): IncomingMessage {
  const stream = Readable.from(request.body.length > 0 ? [request.body] : []) as Readable & Partial<IncomingMessage>;
  return Object.assign(stream, { method: request.method, url: request.url, headers: request.headers }) as IncomingMessage;
}
