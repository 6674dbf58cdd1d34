import type { HttpRequestData, HttpResponseData } from '../aws-json/http';
import type { SigningKey } from '../state/signing-key';
import type { UserPoolContext } from './pool-context';

export interface JwksEndpoint {
  /** `/<userPoolId>/.well-known/jwks.json`: Cognito publishes it under the issuer. */
  path: string;
  /** `/<userPoolId>/.well-known/openid-configuration`: the discovery document beside it. */
  discoveryPath: string;
  matches(request: Pick<HttpRequestData, 'url'>): boolean;
  handle(request: Pick<HttpRequestData, 'method' | 'url'> & { headers?: HttpRequestData['headers'] }): HttpResponseData;
}

function json(statusCode: number, value: unknown, headers: Record<string, string> = {}): HttpResponseData {
  return { statusCode, headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(value) };
}

export function createJwksEndpoint(pool: UserPoolContext, key: SigningKey): JwksEndpoint {
  const path = `/${pool.userPoolId}/.well-known/jwks.json`;
  const discoveryPath = `/${pool.userPoolId}/.well-known/openid-configuration`;
  const document = { keys: [key.publicJwk] };
  const pathOf = (url: string): string => url.split('?')[0];
  /**
   * What Cognito's discovery document says that holds offline: the issuer its
   * tokens carry, and the key set — at this endpoint, since the issuer's host is
   * AWS's. There is no hosted UI offline, so no authorization or token endpoint.
   */
  const discovery = (host: string | undefined) => ({
    issuer: pool.issuer,
    jwks_uri: `http://${host ?? '127.0.0.1'}${path}`,
    id_token_signing_alg_values_supported: ['RS256'],
    subject_types_supported: ['public'],
    response_types_supported: ['code', 'token'],
    scopes_supported: ['openid', 'email', 'phone', 'profile'],
    claims_supported: ['sub', 'iss', 'aud', 'email', 'email_verified', 'phone_number', 'name', 'cognito:username', 'custom:role', 'custom:shopId'],
  });
  return {
    path,
    discoveryPath,
    matches: (request) => pathOf(request.url) === path || pathOf(request.url) === discoveryPath,
    handle(request): HttpResponseData {
      const requested = pathOf(request.url);
      if (requested !== path && requested !== discoveryPath) {
        return json(404, { message: `No JWKS at ${requested}; this user pool's is at ${path}` });
      }
      if (request.method !== 'GET') {
        return json(405, { message: `${request.method} is not allowed on ${requested}; use GET` }, { Allow: 'GET' });
      }
      if (requested === discoveryPath) {
        const host = request.headers?.host;
        return json(200, discovery(Array.isArray(host) ? host[0] : host), { 'Cache-Control': 'max-age=3600' });
      }
      return json(200, document, { 'Cache-Control': 'max-age=3600' });
    },
  };
}
