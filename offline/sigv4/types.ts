/**
 * The shapes the SigV4 verifier works on. The runtime builds a ReceivedRequest
 * straight from Node's IncomingMessage, before any routing or decoding, so the
 * verifier sees the bytes the client signed.
 */

export interface ReceivedRequest {
  method: string;
  /** Path exactly as received on the wire (still percent-encoded), without the query string. */
  rawPath: string;
  /** Raw query string without '?', as received ('' when none). */
  rawQuery: string;
  /**
   * Lower-cased header names; repeated headers as arrays (Node's
   * `IncomingMessage.headersDistinct`). Node's `headers` joins repeats with
   * ", ", which SigV4 canonicalises differently, so prefer `headersDistinct`.
   */
  headers: Record<string, string | string[] | undefined>;
  body: Uint8Array;
}

export interface SigningSecret {
  secretAccessKey: string;
  /** Set for temporary credentials: the request must then carry exactly this token. */
  sessionToken?: string;
  /** The credentials are refused from this instant on. */
  expiresAt?: Date;
}

export type SecretLookup = (accessKeyId: string) => SigningSecret | undefined;

export interface VerifyOptions {
  lookup: SecretLookup;
  /** The endpoint's region; the credential scope must name it. */
  region: string;
  /** Signing service names this endpoint accepts, e.g. ['execute-api'] or ['cognito-idp']. */
  services: readonly string[];
  now?: () => Date;
  /** Allowed distance between X-Amz-Date and now, both directions. Default 5. */
  maxSkewMinutes?: number;
}

export type SignatureForm = 'header' | 'query';

export type VerificationFailure =
  | 'MissingAuthentication'
  | 'ConflictingAuthentication'
  | 'MalformedAuthorization'
  | 'UnsupportedAlgorithm'
  | 'MalformedCredential'
  | 'MalformedQuery'
  | 'MissingDate'
  | 'UnsupportedDateHeader'
  | 'MalformedDate'
  | 'ScopeTerminatorInvalid'
  | 'ScopeDateMismatch'
  | 'ScopeRegionMismatch'
  | 'ScopeServiceMismatch'
  | 'HostNotSigned'
  | 'DateNotSigned'
  | 'UnsupportedSignedHeader'
  | 'SignedHeaderMissing'
  | 'SignatureExpired'
  | 'SignatureNotYetCurrent'
  | 'MalformedExpires'
  | 'ExpiresTooLong'
  | 'PresignedUrlExpired'
  | 'UnknownAccessKey'
  | 'MissingSessionToken'
  | 'InvalidSessionToken'
  | 'UnexpectedSessionToken'
  | 'CredentialsExpired'
  | 'UnsignedPayloadNotAllowed'
  | 'PayloadHashMismatch'
  | 'SignatureMismatch';

export interface VerificationSuccess {
  ok: true;
  accessKeyId: string;
  service: string;
  region: string;
  /** Exactly the client's SignedHeaders, in its order. */
  signedHeaders: string[];
  form: SignatureForm;
  /**
   * False only for a presigned URL signed with UNSIGNED-PAYLOAD: the body is
   * then not covered by the signature and the caller must not trust it.
   */
  payloadSigned: boolean;
}

export interface VerificationRefusal {
  ok: false;
  reason: VerificationFailure;
  /** AWS's wording where known. */
  message: string;
}

export type Verification = VerificationSuccess | VerificationRefusal;
