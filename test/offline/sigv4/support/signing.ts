import { Hash } from '@smithy/hash-node';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { Readable } from 'node:stream';
import type { ReceivedRequest, SigningSecret } from '../../../../offline/sigv4';

/** Requests signed by the AWS SDK's signer, turned into what the server receives. */

export const region = 'eu-central-1';
export const apiHost = 'abc123.execute-api.eu-central-1.amazonaws.com';
export const signingTime = new Date('2024-05-01T12:00:00Z');

export interface TestCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export const permanentKey: TestCredentials = { accessKeyId: 'AKIAPERMANENTKEY0001', secretAccessKey: 'permanent/secret+key' };
export const temporaryKeyA: TestCredentials = {
  accessKeyId: 'ASIATEMPORARYKEYA001',
  secretAccessKey: 'temporary-secret-a',
  sessionToken: 'session-token-a//+=',
};
export const temporaryKeyB: TestCredentials = {
  accessKeyId: 'ASIATEMPORARYKEYB001',
  secretAccessKey: 'temporary-secret-b',
  sessionToken: 'session-token-b',
};

/** Temporary keys expire an hour after `signingTime`. */
export const temporaryKeyExpiry = new Date(signingTime.getTime() + 3600_000);

export function lookupOf(...keys: TestCredentials[]): (accessKeyId: string) => SigningSecret | undefined {
  return (accessKeyId) => {
    const key = keys.find((candidate) => candidate.accessKeyId === accessKeyId);
    if (key === undefined) return undefined;
    return key.sessionToken === undefined
      ? { secretAccessKey: key.secretAccessKey }
      : { secretAccessKey: key.secretAccessKey, sessionToken: key.sessionToken, expiresAt: temporaryKeyExpiry };
  };
}

export const standardLookup = lookupOf(permanentKey, temporaryKeyA, temporaryKeyB);

export interface RequestSpec {
  method?: string;
  /** On the wire, percent-encoded as the SDK sends it. */
  path?: string;
  query?: Record<string, string | string[]>;
  headers?: Record<string, string>;
  body?: string;
  credentials?: TestCredentials;
  region?: string;
  service?: string;
  date?: Date;
  /** Whether the signer adds x-amz-content-sha256 (the SDK default). */
  applyChecksum?: boolean;
  signableHeaders?: Set<string>;
  unsignableHeaders?: Set<string>;
}

/** Percent-encodes like the SDK's query builder: RFC 3986 unreserved characters only. */
export function encodeRfc3986(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function wireQuery(query: Record<string, string | string[]>): string {
  return Object.entries(query)
    .flatMap(([name, value]) => (Array.isArray(value) ? value : [value]).map((item) => `${encodeRfc3986(name)}=${encodeRfc3986(item)}`))
    .join('&');
}

function stringQuery(query: NonNullable<SignerOutput['query']>): Record<string, string | string[]> {
  const result: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(query)) {
    result[name] = Array.isArray(value) ? value.map((item) => item ?? '') : (value ?? '');
  }
  return result;
}

function smithyRequest(spec: RequestSpec): HttpRequest {
  return new HttpRequest({
    method: spec.method ?? 'GET',
    protocol: 'https:',
    hostname: apiHost,
    path: spec.path ?? '/prod/products',
    query: spec.query ?? {},
    headers: { host: apiHost, ...spec.headers },
    body: spec.body,
  });
}

function signer(spec: RequestSpec): SignatureV4 {
  return new SignatureV4({
    service: spec.service ?? 'execute-api',
    region: spec.region ?? region,
    credentials: spec.credentials ?? temporaryKeyA,
    sha256: Hash.bind(null, 'sha256'),
    applyChecksum: spec.applyChecksum ?? true,
  });
}

interface SignerOutput {
  method: string;
  path: string;
  query?: Record<string, string | (string | null)[] | null>;
  headers: Record<string, string>;
}

function received(signed: SignerOutput, body: string | undefined): ReceivedRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(signed.headers)) headers[name.toLowerCase()] = value;
  return {
    method: signed.method,
    rawPath: signed.path,
    rawQuery: wireQuery(stringQuery(signed.query ?? {})),
    headers,
    body: Buffer.from(body ?? ''),
  };
}

/** Signed with an Authorization header, as the SDK's HTTP clients do. */
export async function signedRequest(spec: RequestSpec = {}): Promise<ReceivedRequest> {
  const signed = await signer(spec).sign(smithyRequest(spec), {
    signingDate: spec.date ?? signingTime,
    signableHeaders: spec.signableHeaders,
    unsignableHeaders: spec.unsignableHeaders,
  });
  return received(signed, spec.body);
}

export interface PresignSpec extends RequestSpec {
  expiresIn?: number;
  unhoistableHeaders?: Set<string>;
  /** Presign over UNSIGNED-PAYLOAD, as the signer does for a body it cannot hash (a stream). */
  unsignedPayload?: boolean;
}

/** A presigned URL (query form), optionally with headers kept out of the query. */
export async function presignedRequest(spec: PresignSpec = {}): Promise<ReceivedRequest> {
  const request = smithyRequest(spec);
  if (spec.unsignedPayload) request.body = Readable.from([]);
  const presigned = await signer(spec).presign(request, {
    signingDate: spec.date ?? signingTime,
    expiresIn: spec.expiresIn ?? 300,
    unhoistableHeaders: spec.unhoistableHeaders,
  });
  return received(presigned, spec.body);
}

export function minutesAfter(date: Date, minutes: number): Date {
  return new Date(date.getTime() + minutes * 60_000);
}

/** A copy with some headers replaced (undefined removes one). */
export function withHeaders(request: ReceivedRequest, changes: Record<string, string | string[] | undefined>): ReceivedRequest {
  const headers = { ...request.headers };
  for (const [name, value] of Object.entries(changes)) {
    if (value === undefined) delete headers[name];
    else headers[name] = value;
  }
  return { ...request, headers };
}

/** A copy whose query has one parameter replaced (undefined removes it), other parameters untouched. */
export function withQueryParameter(request: ReceivedRequest, name: string, value: string | undefined): ReceivedRequest {
  const pairs = request.rawQuery.split('&').filter((pair) => decodeURIComponent(pair.split('=')[0]) !== name);
  if (value !== undefined) pairs.push(`${encodeRfc3986(name)}=${encodeRfc3986(value)}`);
  return { ...request, rawQuery: pairs.join('&') };
}

export function queryParameter(request: ReceivedRequest, name: string): string | undefined {
  const pair = request.rawQuery.split('&').find((candidate) => decodeURIComponent(candidate.split('=')[0]) === name);
  return pair === undefined ? undefined : decodeURIComponent(pair.slice(pair.indexOf('=') + 1));
}

export function authorizationOf(request: ReceivedRequest): string {
  const value = request.headers.authorization;
  if (typeof value !== 'string') throw new Error('the request has no single Authorization header');
  return value;
}
