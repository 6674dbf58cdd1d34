/**
 * Runs `synthesize` with stack traces formatted as V8 formats them, without
 * jest's source maps. CDKTF records where every token was made (a full stack
 * trace per reference, read at once), and jest formats each frame through
 * source maps: about a fifth of a stack test's CPU. A synthesis that throws
 * still shows a stack, with the transpiled files' positions.
 */
export function withUnmappedStackTraces<T>(synthesize: () => T): T {
  const mapped = Error.prepareStackTrace;
  // Not removed: without one in this context, Node formats through the main context's
  // Error.prepareStackTrace, which jest also points at its source maps.
  Error.prepareStackTrace = formatAsV8Does;
  try {
    return synthesize();
  } finally {
    Error.prepareStackTrace = mapped;
  }
}

/** V8's own format: the error's `name: message`, then one `    at <call site>` line per frame. */
function formatAsV8Does(error: Error, callSites: NodeJS.CallSite[]): string {
  return [Error.prototype.toString.call(error), ...callSites.map((site) => `    at ${String(site)}`)].join('\n');
}
