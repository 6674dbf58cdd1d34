import { withUnmappedStackTraces } from './unmapped-stack-traces';

it("runs with V8's own stack traces and puts jest's back afterwards, also when the synthesis throws", () => {
  const mapped = Error.prepareStackTrace;
  expect(mapped).toBeInstanceOf(Function);
  expect(withUnmappedStackTraces(() => [Error.prepareStackTrace, new Error('inside').stack])).toEqual([undefined, expect.stringContaining('Error: inside\n    at ')]);
  expect(Error.prepareStackTrace).toBe(mapped);
  expect(() =>
    withUnmappedStackTraces(() => {
      throw new Error('synthesis failed');
    }),
  ).toThrow('synthesis failed');
  expect(Error.prepareStackTrace).toBe(mapped);
});
