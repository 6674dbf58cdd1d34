import { Hash } from '@smithy/hash-node';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { testUsers } from '../../../platform/test-users';
import { rawRequest } from '../../support/raw-request';
import type { AwsCredentials } from '../../support/signed-fetch';

/** A POST /order body that every check accepts, for the attacks to spoil one field at a time. */
export function validOrder(shopId = '0001', items: Array<{ productId: string; quantity: unknown }> = [{ productId: '0011', quantity: 1 }]) {
  return { shopId, phoneNumber: testUsers.registeredCustomer1.phoneNumber, name: 'Attack Test', items };
}

export interface ExactRequest {
  method?: string;
  /** The path exactly as it goes on the wire, percent-encoding included. */
  path: string;
  /** Decoded names and values, in order; a name may repeat. */
  query?: ReadonlyArray<readonly [string, string]>;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
}

export interface ExactAnswer {
  status: number;
  text: string;
  /** The parsed JSON, or the text when it is not JSON. */
  body: unknown;
}

const rfc3986 = (text: string) => encodeURIComponent(text).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * A request signed with the AWS SDK's SigV4 signer and sent byte for byte: any
 * path, query names such as `constructor` (a plain object would inherit them),
 * and bodies that are not text at all.
 */
export async function sendExactlySigned(
  endpoint: string,
  credentials: AwsCredentials,
  request: ExactRequest,
  region = 'eu-central-1',
): Promise<ExactAnswer> {
  const url = new URL(endpoint);
  const method = request.method ?? 'GET';
  const query = Object.create(null) as Record<string, string | string[]>;
  for (const [name, value] of request.query ?? []) {
    const earlier = query[name];
    query[name] = earlier === undefined ? value : [...([] as string[]).concat(earlier), value];
  }
  const signer = new SignatureV4({ service: 'execute-api', region, credentials, sha256: Hash.bind(null, 'sha256') });
  const signed = await signer.sign(
    new HttpRequest({
      method,
      protocol: url.protocol,
      hostname: url.hostname,
      port: Number(url.port),
      path: request.path,
      query,
      headers: { host: url.host, ...request.headers },
      body: request.body,
    }),
  );
  const rawQuery = (request.query ?? []).map(([name, value]) => `${rfc3986(name)}=${rfc3986(value)}`).join('&');
  const answer = await rawRequest(endpoint, {
    method,
    path: rawQuery === '' ? request.path : `${request.path}?${rawQuery}`,
    headers: signed.headers as Record<string, string>,
    body: typeof request.body === 'string' ? Buffer.from(request.body, 'utf8') : request.body && Buffer.from(request.body),
  });
  let body: unknown = answer.text;
  try {
    body = JSON.parse(answer.text);
  } catch {
    // Not JSON: keep the text.
  }
  return { status: answer.status, text: answer.text, body };
}
