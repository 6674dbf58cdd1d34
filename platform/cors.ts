/**
 * CORS for the web app served from another origin (SHOP_WEB_ORIGIN), one
 * definition for all three places that answer a browser: API Gateway's
 * preflight (a mock integration on every path), API Gateway's own refusals
 * (its gateway responses) and the functions' answers.
 *
 * The allowed origin is one fixed origin, never `*`: API Gateway's mock
 * integrations and gateway responses can only send fixed values, so every
 * answer names that origin and a browser on any other refuses to read it.
 */

/** What a signed call from the app sends besides the CORS-safe headers. */
export const corsRequestHeaders = [
  'authorization',
  'content-type',
  'idempotency-key',
  'x-amz-content-sha256',
  'x-amz-date',
  'x-amz-security-token',
  'x-amz-user-agent',
] as const;

/** What the app may read of an answer besides the CORS-safe headers. */
export const corsExposedHeaders = ['x-amzn-errortype', 'x-amzn-requestid'] as const;

/** How long a browser may reuse a preflight's answer. */
export const corsMaxAgeSeconds = 600;

/** Headers on every answer to the app's origin: the functions' and API Gateway's refusals alike. */
export function corsAnswerHeaders(origin: string): Record<string, string> {
  return { 'Access-Control-Allow-Origin': origin, 'Access-Control-Expose-Headers': corsExposedHeaders.join(',') };
}

/** Headers of a path's preflight answer: the methods the path has, plus OPTIONS. */
export function corsPreflightHeaders(origin: string, methods: readonly string[]): Record<string, string> {
  return {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Allow-Methods': [...methods.map((method) => method.toUpperCase()), 'OPTIONS'].join(','),
    'Access-Control-Allow-Headers': corsRequestHeaders.join(','),
    'Access-Control-Max-Age': String(corsMaxAgeSeconds),
  };
}
