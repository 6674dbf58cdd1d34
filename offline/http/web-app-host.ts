import type { WebAppFile } from '../../bundling/build-web-app';
import { webAppPath, type WebAppConfig } from '../../platform/web-app';
import type { HttpResponse } from '../api-gateway/gateway-responses';
import type { BufferedRequest } from './buffered-request';
import { jsonResponse } from './responses';

/**
 * `GET /app/…`: the web app, built on its first request, and its
 * `config.json`, written from the platform's outputs. The app is served from
 * the platform's own origin, so its API calls are same-origin offline. The
 * headers are the ones the `web` stack's CloudFront sends: a CSP that allows
 * only this origin's scripts, styles and connections, no framing, no referrer.
 */
export interface WebAppHostOptions {
  /** The app's files; called once, on the first request (about 0.4 s). */
  build: () => WebAppFile[];
  /** The configuration for an app loaded from `origin` (the scheme and host the browser used). */
  config: (origin: string) => WebAppConfig | undefined;
}

const securityHeaders = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; media-src 'self' blob: mediastream:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'permissions-policy': 'camera=(self), microphone=(), geolocation=()',
  'cache-control': 'no-store',
};

export class WebAppHost {
  private files: Map<string, WebAppFile> | undefined;

  constructor(private readonly options: WebAppHostOptions) {}

  matches(request: { url: string }): boolean {
    const path = request.url.split('?')[0];
    return path === webAppPath.slice(0, -1) || path.startsWith(webAppPath);
  }

  handle(request: BufferedRequest): HttpResponse {
    const path = request.url.split('?')[0];
    if (path === webAppPath.slice(0, -1)) return { status: 308, headers: { location: webAppPath, ...securityHeaders }, body: Buffer.alloc(0) };
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return jsonResponse(405, { message: `${request.method} is not allowed on ${webAppPath}; the app is static, use GET` }, { allow: 'GET, HEAD' });
    }
    const name = path.slice(webAppPath.length) || 'index.html';
    if (name === 'config.json') {
      const host = request.headers.host;
      const config = host === undefined ? undefined : this.options.config(`http://${host}`);
      if (!config) return jsonResponse(503, { message: 'The platform is still starting; try again in a moment' }, { 'retry-after': '1' });
      return withHeaders(jsonResponse(200, config));
    }
    this.files ??= new Map(this.options.build().map((file) => [file.path, file]));
    const file = this.files.get(name);
    if (!file) return jsonResponse(404, { message: `The web app has no file ${name}` });
    // Node leaves the body out of an answer to HEAD itself.
    return withHeaders({ status: 200, headers: { 'content-type': file.contentType }, body: file.body });
  }
}

function withHeaders(response: HttpResponse): HttpResponse {
  return { ...response, headers: { ...response.headers, ...securityHeaders } };
}
