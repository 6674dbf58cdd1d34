import type { HttpResponse } from './gateway-responses';

/**
 * Turns a Lambda proxy result into the HTTP response, or undefined when the
 * result is not a valid proxy response (API Gateway then answers 502).
 */
export function fromProxyResult(result: unknown): HttpResponse | undefined {
  if (result === null || typeof result !== 'object') return undefined;
  const { statusCode, headers, multiValueHeaders, body, isBase64Encoded } = result as Record<string, unknown>;
  if (typeof statusCode !== 'number' || !Number.isInteger(statusCode) || statusCode < 100 || statusCode > 599) return undefined;
  if (body !== undefined && body !== null && typeof body !== 'string') return undefined;
  const out: Record<string, string | string[]> = {};
  for (const [source, multi] of [
    [headers, false],
    [multiValueHeaders, true],
  ] as const) {
    if (source === undefined || source === null) continue;
    if (typeof source !== 'object') return undefined;
    for (const [name, value] of Object.entries(source)) {
      const values = multi ? value : [value];
      if (!Array.isArray(values) || !values.every((entry) => ['string', 'number', 'boolean'].includes(typeof entry))) {
        return undefined;
      }
      out[name.toLowerCase()] = values.length === 1 ? String(values[0]) : values.map(String);
    }
  }
  const text = typeof body === 'string' ? body : '';
  return {
    status: statusCode,
    headers: out,
    body: isBase64Encoded === true ? Buffer.from(text, 'base64') : Buffer.from(text, 'utf8'),
  };
}
