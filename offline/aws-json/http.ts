import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { AwsServiceError } from './errors';

/** A request as the control plane sees it: framework-free, body already read (SigV4 needs the bytes). */
export interface HttpRequestData {
  method: string;
  /** Path and query as received, e.g. `/` or `/eu-central-1_abc/.well-known/jwks.json`. */
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface HttpResponseData {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

/** Control-plane requests are small; a cap keeps a runaway client from filling memory. */
export const maxRequestBodyBytes = 1024 * 1024;

export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  if (Array.isArray(value)) return value.join(',');
  return value;
}

/** The media type without parameters, lower-cased: `application/x-amz-json-1.1; charset=utf-8` → `application/x-amz-json-1.1`. */
export function mediaType(headers: IncomingHttpHeaders): string | undefined {
  const value = headerValue(headers, 'content-type');
  return value?.split(';')[0]?.trim().toLowerCase();
}

export function readNodeRequest(request: IncomingMessage, limit = maxRequestBodyBytes): Promise<HttpRequestData> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    request.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limit) {
        failed = true;
        reject(new AwsServiceError('RequestEntityTooLargeException', `Request body exceeds ${limit} bytes`, 413));
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => {
      if (!failed) {
        resolve({ method: request.method ?? 'GET', url: request.url ?? '/', headers: request.headers, body: Buffer.concat(chunks) });
      }
    });
    request.on('error', (error) => {
      if (!failed) {
        failed = true;
        reject(error);
      }
    });
  });
}

export function writeNodeResponse(response: ServerResponse, data: HttpResponseData): void {
  const body = Buffer.from(data.body, 'utf8');
  response.writeHead(data.statusCode, { ...data.headers, 'Content-Length': String(body.length) });
  response.end(body);
}
