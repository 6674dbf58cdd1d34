import type { IncomingHttpHeaders } from 'node:http';
import { mediaType } from '../aws-json/http';

/** What the server checks before handing a request to the STS endpoint: a form-encoded POST with an `Action`. */
export function isQueryProtocolRequest(request: { method: string; headers: IncomingHttpHeaders; body: Buffer }): boolean {
  return (
    request.method === 'POST' &&
    mediaType(request.headers) === 'application/x-www-form-urlencoded' &&
    new URLSearchParams(request.body.toString('utf8')).has('Action')
  );
}
