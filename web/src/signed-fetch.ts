import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import type { Credentials } from './identity';

/** A refusal or failure from the API, with its status and the message the API gave. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface SignedRequest {
  method: 'GET' | 'POST';
  /** Path under the stage, with its query string: `/products?shopId=0001&shopToken=…`. */
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * `fetch` with the request signed by SigV4 for execute-api, as API Gateway's
 * AWS_IAM authorization wants it: the SDK's own signer, the body's hash, and
 * the session token of the identity-pool credentials.
 */
export async function signedFetch(apiUrl: string, region: string, credentials: Credentials, request: SignedRequest): Promise<unknown> {
  const url = new URL(apiUrl + request.path);
  const body = request.body === undefined ? undefined : JSON.stringify(request.body);
  const query: Record<string, string> = {};
  url.searchParams.forEach((value, key) => (query[key] = value));
  const unsigned = new HttpRequest({
    method: request.method,
    protocol: url.protocol,
    hostname: url.hostname,
    port: url.port ? Number(url.port) : undefined,
    path: url.pathname,
    query,
    headers: {
      host: url.host,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...request.headers,
    },
    body,
  });
  const signer = new SignatureV4({ service: 'execute-api', region, credentials, sha256: Sha256 });
  const signed = await signer.sign(unsigned);
  const headers = new Headers();
  // The browser sets Host itself and refuses to be told.
  for (const [name, value] of Object.entries(signed.headers)) if (name.toLowerCase() !== 'host') headers.set(name, value);
  const response = await fetch(url, { method: request.method, headers, body });
  const text = await response.text();
  const parsed: unknown = text ? JSON.parse(text) : undefined;
  if (!response.ok) throw new ApiError(response.status, messageOf(parsed) ?? `HTTP ${response.status}`);
  return parsed;
}

/** API Gateway's own refusals say `Message`; the functions say `message`. */
function messageOf(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const record = body as Record<string, unknown>;
  const message = record.message ?? record.Message;
  return typeof message === 'string' ? message : undefined;
}
