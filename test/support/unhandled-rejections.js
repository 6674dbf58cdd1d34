// A promise rejected with nobody listening is a bug: fail the test it happened in.
const unhandled = [];
const record = (reason) => unhandled.push(reason);
process.on('unhandledRejection', record);

afterEach(() => {
  if (unhandled.length === 0) return;
  const reasons = unhandled.splice(0).map((reason) => (reason instanceof Error ? reason.stack : String(reason)));
  throw new Error(`Unhandled promise rejection during this test:\n${reasons.join('\n')}`);
});

afterAll(() => {
  process.off('unhandledRejection', record);
});
