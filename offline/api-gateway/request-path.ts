/**
 * The request path, checked before anything routes on it. A path that is not in
 * canonical form (empty or dot segments, encoded slashes) would be routed and
 * authorized differently from what its SigV4 signature covers, since signers
 * normalise paths; such requests are refused instead of interpreted.
 */
export type RequestPath =
  | {
      ok: true;
      stage: string;
      /** Path after the stage, as received. */
      rawPath: string;
      /** Its segments, percent-decoded: what routing matches. */
      segments: string[];
      /**
       * Path after the stage built from the decoded segments: the one form IAM
       * evaluates and routing matches, so `/shop/0001/%73ales` is `/shop/0001/sales`
       * to both and a `Deny` cannot be dodged by percent-encoding.
       */
      canonicalPath: string;
    }
  | { ok: false; reason: string };

const forbiddenEncoded = /%(2f|5c|00)/i;

export function parseRequestPath(rawPath: string): RequestPath {
  if (!rawPath.startsWith('/')) return { ok: false, reason: 'the path must start with /' };
  const [, stage, ...rawSegments] = rawPath.split('/');
  if (!stage) return { ok: false, reason: 'the path names no stage' };
  const segments: string[] = [];
  for (const raw of rawSegments) {
    if (raw === '') return { ok: false, reason: 'the path has an empty segment (// or a trailing /)' };
    if (forbiddenEncoded.test(raw)) return { ok: false, reason: 'the path has an encoded slash, backslash or NUL' };
    let decoded: string;
    try {
      decoded = decodeURIComponent(raw);
    } catch {
      return { ok: false, reason: 'the path has a malformed percent-encoding' };
    }
    if (decoded === '.' || decoded === '..') return { ok: false, reason: 'the path has a . or .. segment' };
    if (/[\u0000-\u001f\u007f]/.test(decoded)) return { ok: false, reason: 'the path has a control character' };
    segments.push(decoded);
  }
  return { ok: true, stage, rawPath: `/${rawSegments.join('/')}`, segments, canonicalPath: `/${segments.join('/')}` };
}
