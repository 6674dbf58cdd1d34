/**
 * JSON from a client, parsed only once it is known to be reasonable: no deeper
 * than `maxDepth` nested objects and arrays. Deep nesting is how a small body
 * makes a recursive reader overflow its stack (a 500) or a large one stall the
 * request loop; the depth is measured by one pass over the bytes, which stops at
 * the first level too deep, before anything builds a value.
 */
export type BoundedJson = { ok: true; value: unknown } | { ok: false; reason: string; /** Refused for its nesting, not its syntax. */ tooDeep: boolean };

/**
 * Deep enough for any AWS request the platform serves: DynamoDB allows 32 levels
 * of nested attributes, each two JSON levels (`{"M": {...}}`), inside the request.
 */
export const defaultMaxJsonDepth = 100;

const quote = 0x22;
const backslash = 0x5c;
const openers = new Set([0x5b, 0x7b]);
const closers = new Set([0x5d, 0x7d]);

export function jsonDepthExceeds(bytes: Buffer, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < bytes.length; index++) {
    const byte = bytes[index];
    if (inString) {
      if (byte === backslash) index++;
      else if (byte === quote) inString = false;
    } else if (byte === quote) {
      inString = true;
    } else if (openers.has(byte)) {
      depth++;
      if (depth > maxDepth) return true;
    } else if (closers.has(byte)) {
      depth--;
    }
  }
  return false;
}

export function parseBoundedJson(body: Buffer, maxDepth = defaultMaxJsonDepth): BoundedJson {
  if (jsonDepthExceeds(body, maxDepth)) return { ok: false, reason: `it nests objects and arrays more than ${maxDepth} deep`, tooDeep: true };
  try {
    return { ok: true, value: JSON.parse(body.toString('utf8')) };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error), tooDeep: false };
  }
}
