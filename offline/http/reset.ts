import type { HttpResponse } from '../api-gateway/gateway-responses';
import type { Authenticated } from '../authorization/authenticator';
import type { BufferedRequest } from './buffered-request';
import { jsonResponse } from './responses';

/**
 * `POST /_platform/reset`: back to the state a first start leaves (the seed
 * data, the declared users, nothing issued since) without restarting the
 * process. Ids and keys stay, so outputs.json and configured clients keep
 * working. It throws away every order and user created since, so only the
 * account's administrator keys may ask for it: a SigV4 signature with the root
 * keys, scoped to the service `platform` (curl: `--aws-sigv4
 * "aws:amz:<region>:platform" --user test:test`).
 */
export const resetPath = '/_platform/reset';
export const resetSigningService = 'platform';

export interface ResetSummary {
  seconds: number;
  users: number;
  items: number;
}

export interface ResetHooks {
  authenticate(request: BufferedRequest): Promise<Authenticated>;
  /** False when a reset is already under way. */
  begin(): boolean;
  reset(): Promise<ResetSummary>;
}

/** Every answer is about this moment's state: none may be cached. */
function json(status: number, body: unknown, headers: Record<string, string> = {}): HttpResponse {
  return jsonResponse(status, body, { 'cache-control': 'no-store', ...headers });
}

export async function resetResponse(request: BufferedRequest, hooks: ResetHooks): Promise<HttpResponse> {
  if (request.method !== 'POST') {
    return json(405, { message: `${request.method} is not allowed on ${resetPath}; use POST` }, { allow: 'POST' });
  }
  const authenticated = await hooks.authenticate(request);
  if (!authenticated.ok) {
    return json(403, { message: `${resetPath} needs a SigV4 signature with the administrator keys: ${authenticated.message}` });
  }
  if (authenticated.principal.kind !== 'root') {
    return json(403, { message: `${authenticated.principal.arn} may not reset the platform; only the account's administrator keys may` });
  }
  if (!hooks.begin()) return json(409, { message: 'A reset is already under way' });
  const summary = await hooks.reset();
  return json(200, { status: 'reset', ...summary });
}
