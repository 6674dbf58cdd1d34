import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Slots } from '../../../offline/concurrency/slots';
import { lambdaHeapLimits, LocalFunction, sandboxExecArgv, type LocalFunctionOptions } from '../../../offline/lambda/local-function';
import { SandboxBudget } from '../../../offline/lambda/sandbox-budget';

/** A deployment package written on the fly: the runner loads the module the handler names and calls its export. */
function bundle(source: string, file = 'index.js'): string {
  const directory = join(mkdtempSync(join(tmpdir(), 'bundle-')), 'fn');
  mkdirSync(join(directory, file, '..'), { recursive: true });
  writeFileSync(join(directory, file), source);
  return directory;
}

/**
 * Module code that holds its thread for `ms`, as a slow synchronous init does:
 * nothing else runs in that sandbox meanwhile. Atomics.wait blocks without
 * spinning, so the wait costs no core the other suites need.
 */
const blockFor = (ms: number) => `Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ${ms});`;

const started: LocalFunction[] = [];
function localFunction(source: string, overrides: Partial<LocalFunctionOptions> = {}): LocalFunction {
  const fn = new LocalFunction({
    name: 'test-fn',
    codeDirectory: bundle(source),
    handler: 'index.handler',
    environment: { GREETING: 'hello' },
    timeoutSeconds: 5,
    memoryMb: 128,
    region: 'eu-central-1',
    accountId: '000000000000',
    log: () => undefined,
    ...overrides,
  });
  started.push(fn);
  return fn;
}

afterAll(async () => {
  await Promise.all(started.map((fn) => fn.close()));
});

describe('lambdaHeapLimits', () => {
  it("splits the function's memory as Lambda's Node.js bootstrap does: a tenth new space in two semi-spaces, the rest old space", () => {
    // 512 MB: --max-semi-space-size=25 --max-old-space-size=461; V8's young generation is three semi-spaces.
    expect(lambdaHeapLimits(512)).toEqual({ maxOldGenerationSizeMb: 461, maxYoungGenerationSizeMb: 75 });
    expect(lambdaHeapLimits(1024)).toEqual({ maxOldGenerationSizeMb: 922, maxYoungGenerationSizeMb: 153 });
    expect(lambdaHeapLimits(128)).toEqual({ maxOldGenerationSizeMb: 116, maxYoungGenerationSizeMb: 18 });
  });
});

describe('sandboxExecArgv', () => {
  it("drops the server's module loaders (npm start's tsx) and keeps its other Node flags", () => {
    expect(sandboxExecArgv(['--require', 'tsx/cjs', '--enable-source-maps', '-r', 'x', '--import=tsx', '--loader', 'y', '--max-old-space-size=512'])).toEqual([
      '--enable-source-maps',
      '--max-old-space-size=512',
    ]);
    expect(sandboxExecArgv([])).toEqual([]);
  });
});

describe('LocalFunction', () => {
  it('runs the handler with the event, its own environment and a Lambda context', async () => {
    const fn = localFunction(`exports.handler = async (event, context) => ({
      echo: event.value,
      greeting: process.env.GREETING,
      name: process.env.AWS_LAMBDA_FUNCTION_NAME,
      region: process.env.AWS_REGION,
      requestId: context.awsRequestId,
      arn: context.invokedFunctionArn,
      remaining: context.getRemainingTimeInMillis() > 0,
    });`);
    expect(await fn.invoke({ value: 42 }, 'req-1')).toEqual({
      ok: true,
      result: {
        echo: 42,
        greeting: 'hello',
        name: 'test-fn',
        region: 'eu-central-1',
        requestId: 'req-1',
        arn: 'arn:aws:lambda:eu-central-1:000000000000:function:test-fn',
        remaining: true,
      },
    });
    expect(process.env.GREETING).toBeUndefined();
  });

  it('says the sandbox started on demand (AWS_LAMBDA_INITIALIZATION_TYPE), as Lambda does', async () => {
    const fn = localFunction('exports.handler = async () => process.env.AWS_LAMBDA_INITIALIZATION_TYPE;');
    expect(await fn.invoke({})).toEqual({ ok: true, result: 'on-demand' });
  });

  it('keeps module state between invocations of one sandbox, like a warm Lambda', async () => {
    const fn = localFunction('let count = 0; exports.handler = async () => ++count;', { maxConcurrency: 1 });
    await fn.invoke({});
    expect(await fn.invoke({})).toEqual({ ok: true, result: 2 });
  });

  it('gives concurrent invocations their own sandboxes', async () => {
    // Each invocation says it runs, then holds its sandbox until the test releases them all:
    // three must run at once, however long the cold starts take (one at a time) on a busy machine.
    const fn = localFunction(
      `const { threadId } = require('node:worker_threads');
       const { existsSync, writeFileSync } = require('node:fs');
       exports.handler = async ({ directory }) => {
         writeFileSync(directory + '/' + threadId, '');
         while (!existsSync(directory + '/release')) await new Promise((r) => setTimeout(r, 10));
         return threadId;
       };`,
      { maxConcurrency: 3 },
    );
    const directory = mkdtempSync(join(tmpdir(), 'concurrent-'));
    const invocations = Promise.all([1, 2, 3].map(() => fn.invoke({ directory })));
    try {
      const deadline = Date.now() + 10_000;
      while (readdirSync(directory).length < 3 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(readdirSync(directory)).toHaveLength(3);
    } finally {
      writeFileSync(join(directory, 'release'), '');
    }
    const threads = (await invocations).map((result) => (result.ok ? result.result : undefined));
    expect(new Set(threads).size).toBe(3);
  });

  it('queues invocations beyond the concurrency limit instead of failing them', async () => {
    const fn = localFunction(
      `const { threadId } = require('node:worker_threads');
       exports.handler = async () => { await new Promise((r) => setTimeout(r, 50)); return threadId; };`,
      { maxConcurrency: 1 },
    );
    const results = await Promise.all([fn.invoke({}), fn.invoke({}), fn.invoke({})]);
    expect(results.every((result) => result.ok)).toBe(true);
    expect(new Set(results.map((result) => (result.ok ? result.result : undefined))).size).toBe(1);
  });

  it('reports a thrown error as a function error', async () => {
    const fn = localFunction(`exports.handler = async () => { throw new TypeError('boom'); };`);
    expect(await fn.invoke({})).toMatchObject({ ok: false, error: { errorType: 'TypeError', errorMessage: 'boom' } });
  });

  it('stops a sandbox that runs past the timeout and cold-starts the next one', async () => {
    const fn = localFunction(
      `let calls = 0; exports.handler = async (event) => { calls++; if (event.hang) await new Promise(() => {}); return calls; };`,
      { timeoutSeconds: 1, maxConcurrency: 1 },
    );
    expect(await fn.invoke({ hang: true })).toEqual({
      ok: false,
      error: { errorType: 'Sandbox.Timedout', errorMessage: 'Task timed out after 1.00 seconds' },
    });
    expect(await fn.invoke({})).toEqual({ ok: true, result: 1 });
  });

  it("keeps a cold start's init phase out of the invocation timeout, as Lambda does", async () => {
    // Module load blocks the thread for 1.5 s; the function's timeout is 1 s.
    const fn = localFunction(
      `${blockFor(1500)}
       exports.handler = async (event, context) => context.getRemainingTimeInMillis();`,
      { timeoutSeconds: 1, maxConcurrency: 1 },
    );
    const first = await fn.invoke({});
    expect(first.ok).toBe(true);
    expect((first as { result: number }).result).toBeGreaterThan(900);
  });

  it('cold-starts one sandbox at a time per function and takes turns for the cores: a burst is slow to start, never timed out', async () => {
    // Each init blocks its thread for 1.2 s, longer than the function's 1 s timeout; one init at a time.
    const fn = localFunction(
      `${blockFor(1200)}
       exports.handler = async (event) => { await new Promise((resolve) => setTimeout(resolve, 50)); return event.n; };`,
      { timeoutSeconds: 1, maxConcurrency: 3, initSlots: new Slots(1) },
    );
    const results = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => fn.invoke({ n })));
    expect(results).toEqual([1, 2, 3, 4, 5, 6].map((n) => ({ ok: true, result: n })));
  });

  it('ends an init phase that runs past its own limit, and reports an init error; the next call starts afresh', async () => {
    const slow = localFunction(`while (true) {}`, { initTimeoutSeconds: 1, maxConcurrency: 1 });
    expect(await slow.invoke({})).toEqual({ ok: false, error: { errorType: 'Sandbox.Timedout', errorMessage: 'Init phase timed out after 1.00 seconds' } });
    const failing = localFunction(`throw new Error('cannot load config');`, { maxConcurrency: 1 });
    expect(await failing.invoke({})).toMatchObject({ ok: false, error: { errorType: 'Error', errorMessage: 'cannot load config' } });
    expect(await failing.invoke({})).toMatchObject({ ok: false, error: { errorMessage: 'cannot load config' } });
  });

  it('survives a sandbox that crashes', async () => {
    const fn = localFunction(
      `exports.handler = async (event) => { if (event.crash) process.exit(3); return 'fine'; };`,
      { maxConcurrency: 1 },
    );
    expect(await fn.invoke({ crash: true })).toMatchObject({ ok: false, error: { errorType: 'Runtime.ExitError' } });
    expect(await fn.invoke({})).toEqual({ ok: true, result: 'fine' });
  });

  it('names a package that exports no such handler, and a handler module that is not there', async () => {
    expect(await localFunction('exports.other = 1;').invoke({})).toMatchObject({
      ok: false,
      error: { errorType: 'Runtime.HandlerNotFound', errorMessage: 'index.handler is undefined or not exported' },
    });
    expect(await localFunction('exports.handler = async () => 1;', { handler: 'app.handler' }).invoke({})).toMatchObject({
      ok: false,
      error: { errorType: 'Runtime.ImportModuleError', errorMessage: "Cannot find module 'app' in the deployment package" },
    });
  });

  it('loads the module and export the handler names, CommonJS or ES module', async () => {
    const nested = localFunction('', { codeDirectory: bundle('exports.run = async (event) => event.n * 2;', 'src/app.js'), handler: 'src/app.run' });
    expect(await nested.invoke({ n: 21 })).toEqual({ ok: true, result: 42 });
    const esm = localFunction('', { codeDirectory: bundle('export const handler = async () => "esm";', 'index.mjs') });
    expect(await esm.invoke({})).toEqual({ ok: true, result: 'esm' });
  });

  it('throttles every call of a function whose reserved concurrency is 0', async () => {
    expect(await localFunction('exports.handler = async () => 1;', { maxConcurrency: 0 }).invoke({})).toEqual({
      ok: false,
      error: { errorType: 'TooManyRequestsException', errorMessage: 'Rate Exceeded. (reserved concurrency 0)' },
    });
  });

  describe('the sandbox budget and idle sandboxes', () => {
    const threadOf = `const { threadId } = require('node:worker_threads'); let calls = 0;
      exports.handler = async (event) => { calls += 1; await new Promise((r) => setTimeout(r, event.waitMs ?? 0)); return { threadId, calls }; };`;
    const resultOf = (result: Awaited<ReturnType<LocalFunction['invoke']>>) => {
      if (!result.ok) throw new Error(`invocation failed: ${result.error.errorMessage}`);
      return result.result as { threadId: number; calls: number };
    };

    it('keeps no more sandboxes alive than the budget across functions, taking the place of the one idle longest', async () => {
      const budget = new SandboxBudget(2);
      const [first, second, third] = [0, 1, 2].map(() => localFunction(threadOf, { budget, maxConcurrency: 2 }));
      const firstWarm = resultOf(await first.invoke({}));
      const secondWarm = resultOf(await second.invoke({}));
      expect(budget.alive).toBe(2);
      // A third function needs a sandbox: the first function's, idle longest, makes room.
      resultOf(await third.invoke({}));
      expect(budget.alive).toBe(2);
      // The second function's sandbox is still warm; the first one cold-starts again.
      expect(resultOf(await second.invoke({}))).toEqual({ threadId: secondWarm.threadId, calls: 2 });
      const firstAgain = resultOf(await first.invoke({}));
      expect(firstAgain.threadId).not.toBe(firstWarm.threadId);
      expect(firstAgain.calls).toBe(1);
      expect(budget.alive).toBe(2);
    });

    it('makes a call wait, not fail, while every sandbox in the budget is busy', async () => {
      const budget = new SandboxBudget(1);
      const busy = localFunction(threadOf, { budget });
      const waiting = localFunction(threadOf, { budget });
      const long = busy.invoke({ waitMs: 300 });
      await new Promise((resolve) => setTimeout(resolve, 100));
      const began = Date.now();
      const [, waited] = await Promise.all([long, waiting.invoke({})]);
      expect(resultOf(waited).calls).toBe(1);
      expect(Date.now() - began).toBeGreaterThanOrEqual(150);
      expect(budget.alive).toBe(1);
    });

    it('stops a sandbox left idle for idleSeconds and gives its place back', async () => {
      const budget = new SandboxBudget(4);
      const fn = localFunction(threadOf, { budget, idleSeconds: 0.3 });
      const warm = resultOf(await fn.invoke({}));
      expect(budget.alive).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 700));
      expect(budget.alive).toBe(0);
      const cold = resultOf(await fn.invoke({}));
      expect(cold.threadId).not.toBe(warm.threadId);
      expect(cold.calls).toBe(1);
    });
  });
});
