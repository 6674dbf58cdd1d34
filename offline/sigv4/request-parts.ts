import type { ReceivedRequest } from './types';

/** Header and query access shared by the parsers and the verifier. */

export type ReceivedHeaders = ReceivedRequest['headers'];

export function headerValues(headers: ReceivedHeaders, name: string): string[] {
  const value = headers[name];
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

export type SingleValue = { present: false } | { present: true; value: string } | { present: true; repeated: true };

/** A header that must appear at most once (Authorization, X-Amz-Date, the token). */
export function singleHeader(headers: ReceivedHeaders, name: string): SingleValue {
  const values = headerValues(headers, name);
  if (values.length === 0) return { present: false };
  if (values.length > 1) return { present: true, repeated: true };
  return { present: true, value: values[0] };
}

/**
 * The value SigV4 signs for a header: each occurrence trimmed, occurrences
 * joined by commas (the signer then collapses inner whitespace), as botocore
 * and the AWS SDKs build it.
 */
export function canonicalHeaderValue(values: readonly string[]): string {
  return values.map((value) => value.trim()).join(',');
}

export type QueryParameters = Record<string, string[]>;

/**
 * Decodes a raw query string into parameters, keeping every repeat. `+` is kept
 * literally: SigV4 clients percent-encode spaces as %20, and the signer
 * re-encodes a literal `+` as %2B just as they did.
 */
export function parseRawQuery(rawQuery: string): QueryParameters | undefined {
  const parameters: QueryParameters = Object.create(null) as QueryParameters;
  if (rawQuery === '') return parameters;
  for (const pair of rawQuery.split('&')) {
    if (pair === '') continue;
    const separator = pair.indexOf('=');
    const rawName = separator === -1 ? pair : pair.slice(0, separator);
    const rawValue = separator === -1 ? '' : pair.slice(separator + 1);
    let name: string;
    let value: string;
    try {
      name = decodeURIComponent(rawName);
      value = decodeURIComponent(rawValue);
    } catch {
      return undefined;
    }
    (parameters[name] ??= []).push(value);
  }
  return parameters;
}

/** The query as the signer takes it: a single value as a string, repeats as an array. */
export function signerQuery(parameters: QueryParameters): Record<string, string | string[]> {
  const query = Object.create(null) as Record<string, string | string[]>;
  for (const [name, values] of Object.entries(parameters)) {
    query[name] = values.length === 1 ? values[0] : [...values];
  }
  return query;
}
