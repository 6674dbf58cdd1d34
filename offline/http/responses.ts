import type { ServerResponse } from 'node:http';
import type { HttpResponse } from '../api-gateway/gateway-responses';

/** A JSON answer of the platform's own endpoints: the body serialized, its content type set, any other headers as given. */
export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): HttpResponse {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: Buffer.from(JSON.stringify(body)) };
}

/** Sends an answer on Node's response, its length declared. */
export function writeResponse(response: ServerResponse, answer: HttpResponse): void {
  response.writeHead(answer.status, { ...answer.headers, 'content-length': String(answer.body.length) });
  response.end(answer.body);
}
