import { Hash } from '@smithy/hash-node';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface ApiAnswer {
  status: number;
  headers: Headers;
  body: unknown;
}

export interface SignedRequest {
  method?: string;
  /** Path and query, e.g. `/prod/products?shopId=0001`. */
  path: string;
  body?: string;
  headers?: Record<string, string>;
  service?: string;
  region?: string;
  signingDate?: Date;
}

/** A signed request, ready to send or to tamper with. */
export interface SignedParts {
  method: string;
  /** Path and query as signed. */
  path: string;
  headers: Record<string, string>;
  body?: string;
}

/** Signs a request with the AWS SDK v3's own SigV4 signer. */
export async function signRequest(endpoint: string, credentials: AwsCredentials, request: SignedRequest): Promise<SignedParts> {
  const url = new URL(request.path, endpoint);
  // No prototype: a parameter named `__proto__` must stay a parameter.
  const query = Object.create(null) as Record<string, string | string[]>;
  for (const [name, value] of url.searchParams) {
    const existing = query[name];
    query[name] = existing === undefined ? value : ([] as string[]).concat(existing, value);
  }
  const headers: Record<string, string> = { host: url.host, ...(request.headers ?? {}) };
  if (request.body !== undefined && !Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) {
    headers['content-type'] = 'application/json';
  }
  const signer = new SignatureV4({
    service: request.service ?? 'execute-api',
    region: request.region ?? 'eu-central-1',
    credentials,
    sha256: Hash.bind(null, 'sha256'),
  });
  const signed = await signer.sign(
    new HttpRequest({
      method: request.method ?? 'GET',
      protocol: url.protocol,
      hostname: url.hostname,
      port: Number(url.port),
      path: url.pathname,
      query,
      headers,
      body: request.body,
    }),
    { signingDate: request.signingDate },
  );
  return {
    method: signed.method,
    path: `${url.pathname}${url.search}`,
    headers: signed.headers as Record<string, string>,
    body: request.body,
  };
}

/** Signs a request with the AWS SDK v3's own SigV4 signer and sends it with fetch. */
export async function signedFetch(endpoint: string, credentials: AwsCredentials, request: SignedRequest): Promise<ApiAnswer> {
  const signed = await signRequest(endpoint, credentials, request);
  const response = await fetch(new URL(signed.path, endpoint), { method: signed.method, headers: signed.headers, body: signed.body });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: keep the text.
  }
  return { status: response.status, headers: response.headers, body };
}
