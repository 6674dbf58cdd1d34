import { addMinutes, formatAmzDate, parseAmzDate } from './amz-date';
import { constantTimeEquals } from './constant-time';
import { messages, refuse, SCOPE_TERMINATOR } from './messages';
import { type ClaimParse, parseAuthorizationHeader, parsePresignedQuery, type SignatureClaim } from './parse';
import { type PayloadHashCandidate, payloadHashCandidates } from './payload';
import { queryCarriesSignature } from './presence';
import { type RecomputedSignature, recomputeSignature } from './recompute';
import {
  canonicalHeaderValue,
  headerValues,
  parseRawQuery,
  type QueryParameters,
  type ReceivedHeaders,
  signerQuery,
  singleHeader,
} from './request-parts';
import type { ReceivedRequest, SigningSecret, Verification, VerificationRefusal, VerifyOptions } from './types';

/**
 * Verifies a SigV4-signed request (Authorization header or presigned URL) the
 * way AWS does: every claim the client makes is checked before the signature is
 * recomputed with the secret on record and compared in constant time.
 */

const DEFAULT_MAX_SKEW_MINUTES = 5;
const TOKEN_HEADER = 'x-amz-security-token';
const PAYLOAD_HASH_HEADER = 'x-amz-content-sha256';
/** The signer drops these before signing, so a signature over them can never be reproduced. */
const NEVER_SIGNABLE = ['authorization', 'date'];

type Checked<T> = { ok: true; value: T } | VerificationRefusal;
type Passed = { ok: true } | VerificationRefusal;
const passed: Passed = { ok: true };

/** A name canonicalisation cannot carry: see where it is refused. */
const unverifiableName = '__proto__';

export async function verifySigV4(request: ReceivedRequest, options: VerifyOptions): Promise<Verification> {
  const now = (options.now ?? (() => new Date()))();
  const skewMinutes = options.maxSkewMinutes ?? DEFAULT_MAX_SKEW_MINUTES;

  const authorization = singleHeader(request.headers, 'authorization');
  const hasQuerySignature = queryCarriesSignature(request.rawQuery);
  if (!authorization.present && !hasQuerySignature) {
    return refuse('MissingAuthentication', messages.missingAuthenticationToken);
  }
  if (authorization.present && hasQuerySignature) {
    return refuse('ConflictingAuthentication', messages.conflictingAuthentication);
  }
  const query = parseRawQuery(request.rawQuery);
  if (query === undefined) return refuse('MalformedQuery', messages.malformedQuery);
  // The signer canonicalises into plain objects, where `__proto__` is no key: its value would go unsigned.
  if (unverifiableName in query) return refuse('MalformedQuery', messages.unverifiableName('query parameter'));

  if (authorization.present && !('value' in authorization)) {
    return refuse('MalformedAuthorization', messages.malformedAuthorization('the header appears more than once'));
  }
  const parsed: ClaimParse =
    'value' in authorization ? parseAuthorizationHeader(authorization.value) : parsePresignedQuery(query);
  if (!parsed.ok) return parsed;
  const claim = parsed.claim;

  const date = signingDateOf(claim, request.headers);
  if (!date.ok) return date;
  const { amzDate, signingDate } = date.value;

  if (claim.signedHeaders.includes(unverifiableName)) {
    return refuse('UnsupportedSignedHeader', messages.unverifiableName('signed header'));
  }
  const checks = [
    () => checkScope(claim, amzDate, options),
    () => checkSignedHeaders(claim, request.headers),
    () => checkTiming(claim, signingDate, amzDate, now, skewMinutes),
  ];
  for (const check of checks) {
    const outcome = check();
    if (!outcome.ok) return outcome;
  }

  const secret = options.lookup(claim.accessKeyId);
  if (secret === undefined) return refuse('UnknownAccessKey', messages.invalidSecurityToken);
  const credentials = checkCredentials(secret, request.headers, query, now);
  if (!credentials.ok) return credentials;

  const declaredPayloadHashes = [...headerValues(request.headers, PAYLOAD_HASH_HEADER)];
  if (claim.form === 'query') declaredPayloadHashes.push(...parametersNamed(query, PAYLOAD_HASH_HEADER));
  const payload = payloadHashCandidates(claim.form, declaredPayloadHashes, request.body);
  if (!payload.ok) return payload;

  const matched = await findSignedPayload(claim, request, query, secret, payload.candidates, signingDate);
  if (!matched.ok) return refuse('SignatureMismatch', messages.signatureMismatchExplained(matched.expected));
  return {
    ok: true,
    accessKeyId: claim.accessKeyId,
    service: claim.scope.service,
    region: claim.scope.region,
    signedHeaders: [...claim.signedHeaders],
    form: claim.form,
    payloadSigned: matched.candidate.coversBody,
  };
}

type PayloadMatch = { ok: true; candidate: PayloadHashCandidate } | { ok: false; expected: RecomputedSignature };

/**
 * The payload hash under which the client's signature reproduces; failing
 * that, what the first (most likely) candidate should have been signed as.
 */
async function findSignedPayload(
  claim: SignatureClaim,
  request: ReceivedRequest,
  query: QueryParameters,
  secret: SigningSecret,
  candidates: readonly PayloadHashCandidate[],
  signingDate: Date,
): Promise<PayloadMatch> {
  const signedHeaderValues = Object.create(null) as Record<string, string>;
  for (const name of claim.signedHeaders) {
    signedHeaderValues[name] = canonicalHeaderValue(headerValues(request.headers, name));
  }
  let firstExpected: RecomputedSignature | undefined;
  for (const candidate of candidates) {
    const expected = await recomputeSignature({
      form: claim.form,
      method: request.method,
      rawPath: request.rawPath,
      query: signerQuery(query),
      signedHeaderValues,
      payloadHash: candidate.hash,
      accessKeyId: claim.accessKeyId,
      secretAccessKey: secret.secretAccessKey,
      region: claim.scope.region,
      service: claim.scope.service,
      signingDate,
      expiresSeconds: claim.presigned?.expiresSeconds,
    });
    if (constantTimeEquals(claim.signature, expected.signature)) return { ok: true, candidate };
    firstExpected ??= expected;
  }
  if (firstExpected === undefined) throw new Error('no payload hash candidate to verify the signature against');
  return { ok: false, expected: firstExpected };
}

function signingDateOf(claim: SignatureClaim, headers: ReceivedHeaders): Checked<{ amzDate: string; signingDate: Date }> {
  let amzDate: string;
  if (claim.presigned) {
    amzDate = claim.presigned.amzDate;
  } else {
    const header = singleHeader(headers, 'x-amz-date');
    if (!header.present) {
      return singleHeader(headers, 'date').present
        ? refuse('UnsupportedDateHeader', messages.unsupportedDateHeader)
        : refuse('MissingDate', messages.missingDate);
    }
    if (!('value' in header)) return refuse('MalformedDate', messages.malformedDate(headerValues(headers, 'x-amz-date').join(',')));
    amzDate = header.value;
  }
  const signingDate = parseAmzDate(amzDate);
  if (signingDate === undefined) return refuse('MalformedDate', messages.malformedDate(amzDate));
  return { ok: true, value: { amzDate, signingDate } };
}

function checkScope(claim: SignatureClaim, amzDate: string, options: VerifyOptions): Passed {
  const { scope } = claim;
  if (scope.terminator !== SCOPE_TERMINATOR) return refuse('ScopeTerminatorInvalid', messages.scopeTerminator(scope.terminator));
  if (scope.date !== amzDate.slice(0, 8)) return refuse('ScopeDateMismatch', messages.scopeDate(scope.date, amzDate));
  if (scope.region !== options.region) return refuse('ScopeRegionMismatch', messages.scopeRegion(scope.region));
  if (!options.services.includes(scope.service)) return refuse('ScopeServiceMismatch', messages.scopeService(options.services));
  return passed;
}

function checkSignedHeaders(claim: SignatureClaim, headers: ReceivedHeaders): Passed {
  const signed = claim.signedHeaders;
  if (!signed.includes('host')) return refuse('HostNotSigned', messages.hostNotSigned);
  // In the header form the date travels in a header: unsigned, it could be
  // moved forward to replay an old request.
  if (claim.form === 'header' && !signed.includes('x-amz-date')) return refuse('DateNotSigned', messages.dateNotSigned);
  const unsupported = signed.find((name) => NEVER_SIGNABLE.includes(name));
  if (unsupported !== undefined) return refuse('UnsupportedSignedHeader', messages.unsupportedSignedHeader(unsupported));
  const missing = signed.find((name) => headers[name] === undefined);
  if (missing !== undefined) return refuse('SignedHeaderMissing', messages.signedHeaderMissing(missing));
  return passed;
}

function checkTiming(claim: SignatureClaim, signingDate: Date, amzDate: string, now: Date, skewMinutes: number): Passed {
  const latest = addMinutes(now, skewMinutes);
  if (signingDate > latest) {
    return refuse(
      'SignatureNotYetCurrent',
      messages.signatureNotYetCurrent(amzDate, formatAmzDate(latest), formatAmzDate(now), skewMinutes),
    );
  }
  if (claim.presigned) {
    const expiresAt = new Date(signingDate.getTime() + claim.presigned.expiresSeconds * 1000);
    return now > expiresAt ? refuse('PresignedUrlExpired', messages.presignedUrlExpired) : passed;
  }
  const earliest = addMinutes(now, -skewMinutes);
  if (signingDate < earliest) {
    return refuse('SignatureExpired', messages.signatureExpired(amzDate, formatAmzDate(earliest), formatAmzDate(now), skewMinutes));
  }
  return passed;
}

/**
 * Presigners copy x-amz-* headers into the query under the header's own
 * spelling, so these parameters are looked up whatever their case.
 */
function parametersNamed(query: QueryParameters, lowerCaseName: string): string[] {
  return Object.entries(query).flatMap(([name, values]) => (name.toLowerCase() === lowerCaseName ? values : []));
}

function presentedSessionTokens(headers: ReceivedHeaders, query: QueryParameters): string[] {
  return [...headerValues(headers, TOKEN_HEADER), ...parametersNamed(query, TOKEN_HEADER)];
}

function checkCredentials(secret: SigningSecret, headers: ReceivedHeaders, query: QueryParameters, now: Date): Passed {
  const presented = [...new Set(presentedSessionTokens(headers, query))];
  if (presented.length > 1) return refuse('InvalidSessionToken', messages.invalidSecurityToken);
  const [token] = presented;
  if (secret.sessionToken === undefined) {
    if (token !== undefined) return refuse('UnexpectedSessionToken', messages.invalidSecurityToken);
  } else {
    if (token === undefined) return refuse('MissingSessionToken', messages.invalidSecurityToken);
    if (!constantTimeEquals(token, secret.sessionToken)) return refuse('InvalidSessionToken', messages.invalidSecurityToken);
  }
  if (secret.expiresAt !== undefined && secret.expiresAt.getTime() <= now.getTime()) {
    return refuse('CredentialsExpired', messages.expiredSecurityToken);
  }
  return passed;
}
