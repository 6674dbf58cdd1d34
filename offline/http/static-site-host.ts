import type { HttpResponse } from '../api-gateway/gateway-responses';
import type { StaticSiteFile } from '../deployment/model';
import type { BufferedRequest } from './buffered-request';
import { jsonResponse } from './responses';

/**
 * `GET /app/…`: the stacks' static site (the objects of the bucket a
 * CloudFront distribution serves), answered by the runtime in CloudFront's
 * place from the platform's own origin: `index.html` for the folder, each
 * object with its content type. The headers are the runtime's own, close to
 * what the stacks' response headers policy sends: a CSP that allows only this
 * origin's scripts, styles and connections, no framing, no referrer.
 */
export const staticSitePath = '/app/';

const securityHeaders = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; media-src 'self' blob: mediastream:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'permissions-policy': 'camera=(self), microphone=(), geolocation=()',
  'cache-control': 'no-store',
};

export class StaticSiteHost {
  private readonly files: ReadonlyMap<string, StaticSiteFile>;

  constructor(files: readonly StaticSiteFile[]) {
    this.files = new Map(files.map((file) => [file.key, file]));
  }

  matches(request: { url: string }): boolean {
    const path = request.url.split('?')[0];
    return path === staticSitePath.slice(0, -1) || path.startsWith(staticSitePath);
  }

  handle(request: BufferedRequest): HttpResponse {
    const path = request.url.split('?')[0];
    if (this.files.size === 0) {
      return jsonResponse(404, { message: `The stacks declare no static site (no aws_s3_object); nothing is served at ${staticSitePath}` });
    }
    if (path === staticSitePath.slice(0, -1)) return { status: 308, headers: { location: staticSitePath, ...securityHeaders }, body: Buffer.alloc(0) };
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return jsonResponse(405, { message: `${request.method} is not allowed on ${staticSitePath}; the site is static, use GET` }, { allow: 'GET, HEAD' });
    }
    const key = decodeURIComponent(path.slice(staticSitePath.length)) || 'index.html';
    const file = this.files.get(key);
    if (!file) return jsonResponse(404, { message: `The static site has no object ${key}` });
    // Node leaves the body out of an answer to HEAD itself.
    return { status: 200, headers: { 'content-type': file.contentType, ...securityHeaders }, body: file.body };
  }
}
