import type { HttpRequestData, HttpResponseData } from '../aws-json/http';
import type { SigningKey } from '../state/signing-key';
import type { UserPoolContext } from './pool-context';

export interface JwksEndpoint {
  /** `/<userPoolId>/.well-known/jwks.json`: Cognito publishes it under the issuer. */
  path: string;
  matches(request: Pick<HttpRequestData, 'url'>): boolean;
  handle(request: Pick<HttpRequestData, 'method' | 'url'>): HttpResponseData;
}

function json(statusCode: number, value: unknown, headers: Record<string, string> = {}): HttpResponseData {
  return { statusCode, headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(value) };
}

export function createJwksEndpoint(pool: UserPoolContext, key: SigningKey): JwksEndpoint {
  const path = `/${pool.userPoolId}/.well-known/jwks.json`;
  const document = { keys: [key.publicJwk] };
  const pathOf = (url: string): string => url.split('?')[0];
  return {
    path,
    matches: (request) => pathOf(request.url) === path,
    handle(request): HttpResponseData {
      if (pathOf(request.url) !== path) {
        return json(404, { message: `No JWKS at ${pathOf(request.url)}; this user pool's is at ${path}` });
      }
      if (request.method !== 'GET') {
        return json(405, { message: `${request.method} is not allowed on ${path}; use GET` }, { Allow: 'GET' });
      }
      return json(200, document, { 'Cache-Control': 'max-age=3600' });
    },
  };
}
