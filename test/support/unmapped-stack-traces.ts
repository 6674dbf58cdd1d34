/**
 * Runs `synthesize` with V8's own stack traces instead of jest's source-mapped
 * ones. CDKTF records where every token was made (a full stack trace per
 * reference, read at once), and jest formats each frame through source maps:
 * about a tenth of a stack test's CPU. A synthesis that throws still shows a
 * stack, with the transpiled files' positions.
 */
export function withUnmappedStackTraces<T>(synthesize: () => T): T {
  const mapped = Error.prepareStackTrace;
  // Without a prepareStackTrace of its own, V8 formats the trace itself.
  Reflect.deleteProperty(Error, 'prepareStackTrace');
  try {
    return synthesize();
  } finally {
    Error.prepareStackTrace = mapped;
  }
}
