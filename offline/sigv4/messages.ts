import type { VerificationFailure, VerificationRefusal } from './types';

interface ExpectedSigning {
  canonicalRequest: string;
  stringToSign: string;
}

const SIGNATURE_MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

/**
 * What the verifier tells a refused client. Where AWS's own wording is known it
 * is reproduced, so clients and tests written against AWS read the same text
 * offline.
 */

export const ALGORITHM = 'AWS4-HMAC-SHA256';
export const SCOPE_TERMINATOR = 'aws4_request';
export const MAX_PRESIGNED_EXPIRES_SECONDS = 604800;

export function refuse(reason: VerificationFailure, message: string): VerificationRefusal {
  return { ok: false, reason, message };
}

export const messages = {
  missingAuthenticationToken: 'Missing Authentication Token',
  conflictingAuthentication: 'Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter or the Authorization header should be specified',
  authorizationRequires: (parameter: string): string => `Authorization header requires '${parameter}' parameter.`,
  malformedAuthorization: (detail: string): string => `Authorization header is malformed: ${detail}`,
  unsupportedHeaderAlgorithm: (algorithm: string): string =>
    `Unsupported signing algorithm '${algorithm}'; only '${ALGORITHM}' is accepted.`,
  unsupportedQueryAlgorithm: `X-Amz-Algorithm only supports "${ALGORITHM}"`,
  malformedCredential:
    'Error parsing the X-Amz-Credential parameter; the Credential is mal-formed; expecting "<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request".',
  missingQueryParameters:
    'Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.',
  repeatedQueryParameter: (name: string): string => `The query parameter '${name}' must appear only once.`,
  malformedQuery: 'The query string is not valid percent-encoding.',
  unverifiableName: (what: string) => `A ${what} named '__proto__' cannot be covered by a signature here; remove it.`,
  missingDate: "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
  unsupportedDateHeader:
    "This endpoint requires the 'X-Amz-Date' header; a request dated only by the 'Date' header cannot be verified.",
  malformedDate: (received: string): string => `Date must be in ISO-8601 'basic format'. Got '${received}'.`,
  scopeTerminator: (received: string): string =>
    `Credential should be scoped with a valid terminator: '${SCOPE_TERMINATOR}', not '${received}'.`,
  scopeDate: (scopeDate: string, amzDate: string): string =>
    `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${scopeDate}' != '${amzDate.slice(0, 8)}', from '${amzDate}'.`,
  scopeRegion: (received: string): string => `Credential should be scoped to a valid region, not '${received}'.`,
  scopeService: (expected: readonly string[]): string =>
    `Credential should be scoped to correct service: ${expected.map((service) => `'${service}'`).join(' or ')}.`,
  hostNotSigned: "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.",
  dateNotSigned: "'X-Amz-Date' must be a 'SignedHeader' in the AWS Authorization.",
  unsupportedSignedHeader: (name: string): string => `The header '${name}' cannot be a 'SignedHeader' here.`,
  signedHeaderMissing: (name: string): string => `The signed header '${name}' is not present in the request.`,
  signatureExpired: (amzDate: string, earliest: string, now: string, skewMinutes: number): string =>
    `Signature expired: ${amzDate} is now earlier than ${earliest} (${now} - ${skewMinutes} min.)`,
  signatureNotYetCurrent: (amzDate: string, latest: string, now: string, skewMinutes: number): string =>
    `Signature not yet current: ${amzDate} is still later than ${latest} (${now} + ${skewMinutes} min.)`,
  malformedExpires: 'X-Amz-Expires should be a positive whole number of seconds',
  expiresTooLong: `X-Amz-Expires must be less than a week (in seconds) that is ${MAX_PRESIGNED_EXPIRES_SECONDS}`,
  presignedUrlExpired: 'Request has expired',
  invalidSecurityToken: 'The security token included in the request is invalid.',
  expiredSecurityToken: 'The security token included in the request is expired',
  unsignedPayload: "The 'x-amz-content-sha256' header may not be UNSIGNED-PAYLOAD or a streaming payload here.",
  payloadHashMismatch: "The provided 'x-amz-content-sha256' header does not match what was computed.",
  signatureMismatch: SIGNATURE_MISMATCH,
  /** API Gateway's answer: the strings a client can compare with those its own signer built. */
  signatureMismatchExplained: ({ canonicalRequest, stringToSign }: ExpectedSigning): string =>
    `${SIGNATURE_MISMATCH}\n\nThe Canonical String for this request should have been\n'${canonicalRequest}'\n\nThe String-to-Sign should have been\n'${stringToSign}'\n`,
} as const;
