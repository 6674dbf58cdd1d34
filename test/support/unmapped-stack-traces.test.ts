import { withUnmappedStackTraces } from './unmapped-stack-traces';

/** Where in this file a stack's first frame of this file points: `line:column`. */
const positionInThisFile = (stack: string | undefined) => stack?.match(/unmapped-stack-traces\.test\.ts:(\d+:\d+)/)?.[1];

it("formats stack traces as V8 does, without jest's source maps, and puts jest's back afterwards, also when the synthesis throws", () => {
  const mapped = Error.prepareStackTrace;
  expect(mapped).toBeInstanceOf(Function);
  // Both errors are made on the same line of this file: jest's source maps point the first at it, V8 the second at the transpiled code.
  const [mappedStack, unmappedStack] = [new Error('outside').stack, withUnmappedStackTraces(() => new Error('inside').stack)];
  expect(unmappedStack).toMatch(/^Error: inside\n {4}at /);
  expect(positionInThisFile(mappedStack)).toMatch(/^\d+:\d+$/);
  expect(positionInThisFile(unmappedStack)).toMatch(/^\d+:\d+$/);
  expect(positionInThisFile(unmappedStack)?.split(':')[0]).not.toBe(positionInThisFile(mappedStack)?.split(':')[0]);
  expect(Error.prepareStackTrace).toBe(mapped);
  expect(() =>
    withUnmappedStackTraces(() => {
      throw new Error('synthesis failed');
    }),
  ).toThrow('synthesis failed');
  expect(Error.prepareStackTrace).toBe(mapped);
});
