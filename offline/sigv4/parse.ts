import { SCOPE_DATE_SHAPE } from './amz-date';
import { ALGORITHM, MAX_PRESIGNED_EXPIRES_SECONDS, messages, refuse } from './messages';
import type { QueryParameters } from './request-parts';
import type { SignatureForm, VerificationRefusal } from './types';

/**
 * Reads what a client claims about its signature, from the Authorization
 * header or from a presigned URL's X-Amz-* parameters, into one shape. Nothing
 * here trusts the claim; verify.ts checks it.
 */

export interface CredentialScope {
  date: string;
  region: string;
  service: string;
  terminator: string;
}

export interface SignatureClaim {
  form: SignatureForm;
  accessKeyId: string;
  scope: CredentialScope;
  /** As listed by the client. */
  signedHeaders: string[];
  signature: string;
  /** Query form only: X-Amz-Date and X-Amz-Expires as sent. */
  presigned?: { amzDate: string; expiresSeconds: number };
}

export type ClaimParse = { ok: true; claim: SignatureClaim } | VerificationRefusal;

export const QUERY = {
  algorithm: 'X-Amz-Algorithm',
  credential: 'X-Amz-Credential',
  date: 'X-Amz-Date',
  expires: 'X-Amz-Expires',
  signedHeaders: 'X-Amz-SignedHeaders',
  signature: 'X-Amz-Signature',
  securityToken: 'X-Amz-Security-Token',
  contentSha256: 'X-Amz-Content-Sha256',
} as const;

const SIGNATURE_SHAPE = /^[0-9a-f]{64}$/;
/** RFC 9110 token characters, lower case: SignedHeaders lists canonical (lower-cased) names. */
const SIGNED_HEADER_NAME_SHAPE = /^[a-z0-9!#$%&'*+.^_`|~-]+$/;
const EXPIRES_SHAPE = /^[1-9]\d{0,6}$/;

type Parsed<T> = { ok: true; value: T } | VerificationRefusal;

function parseCredential(credential: string): Parsed<{ accessKeyId: string; scope: CredentialScope }> {
  const parts = credential.split('/');
  if (parts.length !== 5 || parts.some((part) => part === '') || !SCOPE_DATE_SHAPE.test(parts[1])) {
    return refuse('MalformedCredential', messages.malformedCredential);
  }
  const [accessKeyId, date, region, service, terminator] = parts;
  return { ok: true, value: { accessKeyId, scope: { date, region, service, terminator } } };
}

function parseSignedHeaders(list: string, malformed: (detail: string) => VerificationRefusal): Parsed<string[]> {
  const names = list.split(';');
  const seen = new Set<string>();
  for (const name of names) {
    if (!SIGNED_HEADER_NAME_SHAPE.test(name)) return malformed(`invalid SignedHeaders entry '${name}'`);
    if (seen.has(name)) return malformed(`SignedHeaders lists '${name}' twice`);
    seen.add(name);
  }
  return { ok: true, value: names };
}

function claimFrom(
  form: SignatureForm,
  credential: string,
  signedHeaderList: string,
  signature: string,
  malformed: (detail: string) => VerificationRefusal,
  presigned?: SignatureClaim['presigned'],
): ClaimParse {
  const parsedCredential = parseCredential(credential);
  if (!parsedCredential.ok) return parsedCredential;
  const signedHeaders = parseSignedHeaders(signedHeaderList, malformed);
  if (!signedHeaders.ok) return signedHeaders;
  if (!SIGNATURE_SHAPE.test(signature)) return malformed('the signature must be 64 lower-case hexadecimal digits');
  return {
    ok: true,
    claim: { form, ...parsedCredential.value, signedHeaders: signedHeaders.value, signature, presigned },
  };
}

const AUTHORIZATION_PARAMETERS = ['Credential', 'SignedHeaders', 'Signature'] as const;
type AuthorizationParameter = (typeof AUTHORIZATION_PARAMETERS)[number];

function isAuthorizationParameter(name: string): name is AuthorizationParameter {
  return (AUTHORIZATION_PARAMETERS as readonly string[]).includes(name);
}

/** `AWS4-HMAC-SHA256 Credential=<akid>/<scope>, SignedHeaders=a;b, Signature=<hex>` */
export function parseAuthorizationHeader(value: string): ClaimParse {
  const malformed = (detail: string): VerificationRefusal =>
    refuse('MalformedAuthorization', messages.malformedAuthorization(detail));
  const trimmed = value.trim();
  const space = trimmed.indexOf(' ');
  const algorithm = space === -1 ? trimmed : trimmed.slice(0, space);
  if (algorithm !== ALGORITHM) return refuse('UnsupportedAlgorithm', messages.unsupportedHeaderAlgorithm(algorithm));

  const found: Partial<Record<AuthorizationParameter, string>> = {};
  const rest = space === -1 ? '' : trimmed.slice(space + 1);
  for (const component of rest.split(',')) {
    const text = component.trim();
    if (text === '') continue;
    const equals = text.indexOf('=');
    const name = equals === -1 ? text : text.slice(0, equals);
    if (!isAuthorizationParameter(name)) return malformed(`unexpected component '${name}'`);
    if (found[name] !== undefined) return malformed(`'${name}' appears twice`);
    found[name] = equals === -1 ? '' : text.slice(equals + 1);
  }
  const missing = AUTHORIZATION_PARAMETERS.filter((name) => found[name] === undefined);
  if (missing.length > 0) {
    return refuse('MalformedAuthorization', missing.map((name) => messages.authorizationRequires(name)).join(' '));
  }
  return claimFrom('header', found.Credential ?? '', found.SignedHeaders ?? '', found.Signature ?? '', malformed);
}

/** The X-Amz-* parameters of a presigned URL. */
export function parsePresignedQuery(parameters: QueryParameters): ClaimParse {
  const required = [QUERY.algorithm, QUERY.credential, QUERY.signature, QUERY.date, QUERY.signedHeaders, QUERY.expires];
  for (const name of [...required, QUERY.securityToken, QUERY.contentSha256]) {
    const values = parameters[name];
    if (values !== undefined && values.length > 1) {
      return refuse('MalformedQuery', messages.repeatedQueryParameter(name));
    }
  }
  const single = (name: string): string | undefined => parameters[name]?.[0];
  if (required.some((name) => single(name) === undefined)) {
    return refuse('MalformedQuery', messages.missingQueryParameters);
  }
  if (single(QUERY.algorithm) !== ALGORITHM) return refuse('UnsupportedAlgorithm', messages.unsupportedQueryAlgorithm);

  const expires = single(QUERY.expires) ?? '';
  if (!EXPIRES_SHAPE.test(expires)) return refuse('MalformedExpires', messages.malformedExpires);
  const expiresSeconds = Number(expires);
  if (expiresSeconds > MAX_PRESIGNED_EXPIRES_SECONDS) return refuse('ExpiresTooLong', messages.expiresTooLong);

  const malformed = (detail: string): VerificationRefusal => refuse('MalformedQuery', `Presigned URL is malformed: ${detail}`);
  return claimFrom(
    'query',
    single(QUERY.credential) ?? '',
    single(QUERY.signedHeaders) ?? '',
    single(QUERY.signature) ?? '',
    malformed,
    { amzDate: single(QUERY.date) ?? '', expiresSeconds },
  );
}
