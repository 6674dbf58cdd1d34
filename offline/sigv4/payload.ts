import { createHash } from 'node:crypto';
import { messages, refuse } from './messages';
import type { SignatureForm, VerificationRefusal } from './types';

export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';

export function sha256Hex(body: Uint8Array): string {
  return createHash('sha256').update(body).digest('hex');
}

/** A payload hash the client may have signed, and whether it covers the body. */
export interface PayloadHashCandidate {
  hash: string;
  coversBody: boolean;
}

export type PayloadHashes = { ok: true; candidates: PayloadHashCandidate[] } | VerificationRefusal;

/**
 * The payload hashes worth trying for a request. A declared
 * x-amz-content-sha256 must be the SHA-256 of the body actually received: the
 * signature only proves the client signed the declared value, so without this
 * check a body swapped in transit would pass. UNSIGNED-PAYLOAD is what
 * presigners sign in the query form; in the header form every AWS client signs
 * the body, so it is refused there. Presigners that declare nothing sign either
 * the body's hash (botocore, smithy) or UNSIGNED-PAYLOAD (S3-style presigners),
 * hence two candidates.
 */
export function payloadHashCandidates(
  form: SignatureForm,
  declared: readonly string[],
  body: Uint8Array,
): PayloadHashes {
  const bodyHash = sha256Hex(body);
  const distinct = [...new Set(declared)];
  if (distinct.length > 1) return refuse('PayloadHashMismatch', messages.payloadHashMismatch);
  const [value] = distinct;
  if (value === undefined) {
    const bodyCandidate = { hash: bodyHash, coversBody: true };
    return { ok: true, candidates: form === 'query' ? [bodyCandidate, { hash: UNSIGNED_PAYLOAD, coversBody: false }] : [bodyCandidate] };
  }
  if (value === UNSIGNED_PAYLOAD && form === 'query') {
    return { ok: true, candidates: [{ hash: UNSIGNED_PAYLOAD, coversBody: false }] };
  }
  if (value === UNSIGNED_PAYLOAD || value.startsWith('STREAMING-')) {
    return refuse('UnsignedPayloadNotAllowed', messages.unsignedPayload);
  }
  if (value !== bodyHash) return refuse('PayloadHashMismatch', messages.payloadHashMismatch);
  return { ok: true, candidates: [{ hash: bodyHash, coversBody: true }] };
}
