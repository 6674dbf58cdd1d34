import type { BufferedRequest } from '../http/buffered-request';
import type { CredentialStore } from '../credentials/credential-store';
import { verifySigV4, type SigningSecret, type VerificationFailure } from '../sigv4';
import type { FunctionCredentials } from './function-credentials';
import type { RuntimePrincipal } from './principals';

export type Authenticated =
  | { ok: true; accessKeyId: string; principal: RuntimePrincipal }
  | { ok: false; reason: VerificationFailure | 'PayloadNotSigned'; message: string };

/**
 * Verifies a request's SigV4 signature against every key the runtime knows (the
 * root keys, identity-pool sessions, function sessions) and names its principal.
 */
export class Authenticator {
  constructor(
    private readonly options: {
      region: string;
      credentials: CredentialStore;
      functionCredentials: FunctionCredentials;
      now?: () => Date;
    },
  ) {}

  async authenticate(request: BufferedRequest, services: readonly string[]): Promise<Authenticated> {
    const { credentials, functionCredentials } = this.options;
    const principals = new Map<string, RuntimePrincipal>();
    const lookup = (accessKeyId: string): SigningSecret | undefined => {
      const session = functionCredentials.lookup(accessKeyId);
      if (session) {
        principals.set(accessKeyId, session.principal);
        return { secretAccessKey: session.secretAccessKey, sessionToken: session.sessionToken };
      }
      const found = credentials.lookup(accessKeyId);
      if (!found) return undefined;
      principals.set(accessKeyId, found.principal);
      return { secretAccessKey: found.secretAccessKey, sessionToken: found.sessionToken, expiresAt: found.expiresAt };
    };
    const queryStart = request.url.indexOf('?');
    const verification = await verifySigV4(
      {
        method: request.method,
        rawPath: queryStart === -1 ? request.url : request.url.slice(0, queryStart),
        rawQuery: queryStart === -1 ? '' : request.url.slice(queryStart + 1),
        headers: request.headers,
        body: request.body,
      },
      { lookup, region: this.options.region, services, now: this.options.now },
    );
    if (!verification.ok) return { ok: false, reason: verification.reason, message: verification.message };
    // A presigned URL over UNSIGNED-PAYLOAD covers no body; accepting one would let anyone swap it.
    if (!verification.payloadSigned && request.body.length > 0) {
      return { ok: false, reason: 'PayloadNotSigned', message: 'The request body is not covered by the signature.' };
    }
    const principal = principals.get(verification.accessKeyId);
    if (!principal) return { ok: false, reason: 'UnknownAccessKey', message: 'The security token included in the request is invalid.' };
    return { ok: true, accessKeyId: verification.accessKeyId, principal };
  }
}
