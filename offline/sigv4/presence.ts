import { ALGORITHM } from './messages';
import { parseAuthorizationHeader, parsePresignedQuery, QUERY, type SignatureClaim } from './parse';
import { headerValues, parseRawQuery } from './request-parts';
import type { ReceivedRequest } from './types';

/**
 * Whether a request carries any SigV4 material at all, so the caller can answer
 * an unsigned API call the way API Gateway does ("Missing Authentication
 * Token") instead of reporting a broken signature.
 */
export function hasSigV4Material(request: Pick<ReceivedRequest, 'headers' | 'rawQuery'>): boolean {
  const signedHeader = headerValues(request.headers, 'authorization').some((value) =>
    value.trimStart().startsWith(ALGORITHM),
  );
  return signedHeader || queryCarriesSignature(request.rawQuery);
}

/** Whether the query has the X-Amz-Algorithm parameter of a presigned URL. */
export function queryCarriesSignature(rawQuery: string): boolean {
  return queryNames(rawQuery).includes(QUERY.algorithm);
}

function queryNames(rawQuery: string): string[] {
  return rawQuery.split('&').map((pair) => {
    const rawName = pair.split('=', 1)[0];
    try {
      return decodeURIComponent(rawName);
    } catch {
      return rawName;
    }
  });
}

/** What a request claims about its signature (header or presigned form), unverified; undefined when it claims none or the claim does not parse. */
function claimOf(request: Pick<ReceivedRequest, 'headers' | 'rawQuery'>): SignatureClaim | undefined {
  const [authorization] = headerValues(request.headers, 'authorization');
  if (authorization !== undefined) {
    const parsed = parseAuthorizationHeader(authorization);
    return parsed.ok ? parsed.claim : undefined;
  }
  if (!queryCarriesSignature(request.rawQuery)) return undefined;
  const query = parseRawQuery(request.rawQuery);
  const parsed = query && parsePresignedQuery(query);
  return parsed?.ok ? parsed.claim : undefined;
}

/**
 * The service a request claims to be signed for (its credential scope), header
 * or presigned form, without verifying anything; undefined when it claims none
 * or the claim does not parse.
 */
export function claimedSigningService(request: Pick<ReceivedRequest, 'headers' | 'rawQuery'>): string | undefined {
  return claimOf(request)?.scope.service;
}

/** The access key id a request claims to be signed with, without verifying anything: for routing only, never for trust. */
export function claimedAccessKeyId(request: Pick<ReceivedRequest, 'headers' | 'rawQuery'>): string | undefined {
  return claimOf(request)?.accessKeyId;
}
