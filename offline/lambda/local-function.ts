import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Worker } from 'node:worker_threads';
import { arns } from '../aws/arns';
import type { Slots } from '../concurrency/slots';
import { repositoryRoot } from '../repository-root';
import { machineInitSlots } from './init-slots';
import { SandboxBudget, type SandboxOwner } from './sandbox-budget';

/**
 * One Lambda function run locally from its esbuild bundle. Like Lambda, each
 * sandbox (a worker thread with the function's own environment and memory limit)
 * serves one invocation at a time; concurrent invocations get more sandboxes up
 * to `maxConcurrency`, then wait. A sandbox that times out or crashes is thrown
 * away and the next invocation cold-starts a new one.
 *
 * As on Lambda, a cold start has an init phase (loading the handler's module)
 * with its own limit, and the invocation's timeout starts only once it is over:
 * many first calls at once on a busy machine are slow to start, not timed out.
 *
 * Sandboxes count against the runtime's sandbox budget, and one left idle for
 * `idleSeconds` is stopped, as Lambda reclaims idle sandboxes: a platform left
 * running gives its memory back.
 */
export interface LocalFunctionOptions {
  /** Deployed name, e.g. `shop-platform-get-order`. */
  name: string;
  /** The unpacked deployment package. */
  codeDirectory: string;
  /** `index.handler`: the module (relative to the package), then the export. */
  handler: string;
  environment: Record<string, string>;
  timeoutSeconds: number;
  memoryMb: number;
  region: string;
  accountId: string;
  /** Sandboxes at once; the function's reserved concurrency when it has one (0: every call is throttled). */
  maxConcurrency?: number;
  /** Where the sandbox's log lines go, one call per line. */
  log?: (line: string) => void;
  /** The init phase's own limit; Lambda's is 10 seconds. */
  initTimeoutSeconds?: number;
  /** Whose turn it is to initialize; by default shared by the whole runtime. */
  initSlots?: Slots;
  /** Sandboxes alive at once across the runtime's functions; by default this function's alone, unbounded. */
  budget?: SandboxBudget;
  /** How long a sandbox may stay idle before it is stopped (default 300 s). */
  idleSeconds?: number;
}

export interface InvocationError {
  errorType: string;
  errorMessage: string;
  stack?: string[];
}

export type InvocationResult = { ok: true; result: unknown } | { ok: false; error: InvocationError };

interface Sandbox {
  worker: Worker;
  /** Until its init phase is over; while one is, the function starts no other sandbox. */
  initializing: boolean;
  /** Settles when the init phase is over: with nothing, or with the error that ended it. */
  initialized: Promise<InvocationError | undefined>;
  /** Taken by an invocation, from acquire() until it finishes. */
  busy: boolean;
  /** When it last became idle (ms), for the budget's longest-idle-first eviction. */
  idleSince: number;
  idleTimer?: NodeJS.Timeout;
  /** Whether the budget still counts it: it stops counting exactly once. */
  counted: boolean;
  current?: { id: string; finish: (result: InvocationResult) => void };
}

/** What a sandbox tells the runtime: its init phase's outcome, then each invocation's result. */
type SandboxMessage =
  | { kind: 'initialized' }
  | { kind: 'init-failed'; error: InvocationError }
  | ({ kind: 'result'; id: string } & InvocationResult);

const bootstrap = join(repositoryRoot, 'offline', 'lambda', 'worker-bootstrap.js');

/**
 * The server's Node flags without its module loaders: a server started under
 * tsx (`npx tsx`, the benches; `npm start` runs a bundle without one) passes
 * `--require tsx/cjs`, which a worker would inherit, and Lambda's runtime loads
 * a deployment package with plain Node. It also spares every sandbox tsx's hook
 * on each of the SDK's hundreds of requires.
 */
export function sandboxExecArgv(serverArgv: readonly string[]): string[] {
  const loaderFlags = new Set(['--require', '-r', '--import', '--loader', '--experimental-loader']);
  const kept: string[] = [];
  for (let index = 0; index < serverArgv.length; index += 1) {
    const flag = serverArgv[index];
    if (loaderFlags.has(flag)) index += 1;
    else if (![...loaderFlags].some((loader) => flag.startsWith(`${loader}=`))) kept.push(flag);
  }
  return kept;
}

/**
 * A sandbox's heap, sized as Lambda's Node.js runtime sizes its process from
 * the function's memory (its bootstrap passes --max-semi-space-size and
 * --max-old-space-size): a tenth of the memory for new objects, in two
 * semi-spaces, the rest for old ones. V8's young generation is three
 * semi-spaces (two, and as much again for large new objects). Left to V8, a
 * worker's new space is a few megabytes, and loading the AWS SDK at a cold
 * start ran dozens more scavenges than the runtime would.
 */
export function lambdaHeapLimits(memoryMb: number): { maxOldGenerationSizeMb: number; maxYoungGenerationSizeMb: number } {
  const newSpace = Math.floor(memoryMb / 10);
  const semiSpace = Math.floor(newSpace / 2);
  return { maxOldGenerationSizeMb: Math.max(64, memoryMb - newSpace), maxYoungGenerationSizeMb: 3 * Math.max(1, semiSpace) };
}

export class LocalFunction implements SandboxOwner {
  private readonly sandboxes = new Set<Sandbox>();
  private readonly waiting: Array<() => void> = [];
  private readonly budget: SandboxBudget;
  private closed = false;

  constructor(private readonly options: LocalFunctionOptions) {
    this.budget = options.budget ?? new SandboxBudget(Number.MAX_SAFE_INTEGER);
    this.budget.register(this);
  }

  get name(): string {
    return this.options.name;
  }

  async invoke(event: unknown, requestId: string = randomUUID()): Promise<InvocationResult> {
    if (this.closed) throw new Error(`${this.options.name} is shut down`);
    if (this.options.maxConcurrency === 0) {
      return { ok: false, error: { errorType: 'TooManyRequestsException', errorMessage: 'Rate Exceeded. (reserved concurrency 0)' } };
    }
    const sandbox = await this.acquire();
    return this.run(sandbox, event, requestId);
  }

  oldestIdleSince(): number | undefined {
    return this.oldestIdle()?.idleSince;
  }

  evictOldestIdle(): void {
    const sandbox = this.oldestIdle();
    if (sandbox) this.stop(sandbox, { countedOut: true });
  }

  /** The sandboxes waiting for work, idle longest first. */
  private idleByAge(): Sandbox[] {
    return [...this.sandboxes].filter((candidate) => !candidate.busy && !candidate.initializing).sort((a, b) => a.idleSince - b.idleSince);
  }

  private oldestIdle(): Sandbox | undefined {
    return this.idleByAge()[0];
  }

  /** Every waiting invocation looks again; those that still find nothing wait again. */
  private wakeWaiting(): void {
    for (const wake of this.waiting.splice(0)) wake();
    this.budget.changed();
  }

  /** Stops a sandbox: taken out of service at once, counted out of the budget once. */
  private stop(sandbox: Sandbox, how: { countedOut?: boolean } = {}): void {
    this.sandboxes.delete(sandbox);
    clearTimeout(sandbox.idleTimer);
    if (how.countedOut) sandbox.counted = false;
    void sandbox.worker.terminate();
  }

  private becameIdle(sandbox: Sandbox): void {
    sandbox.busy = false;
    sandbox.idleSince = Date.now();
    clearTimeout(sandbox.idleTimer);
    sandbox.idleTimer = setTimeout(() => {
      if (!sandbox.busy && this.sandboxes.has(sandbox)) this.stop(sandbox);
    }, (this.options.idleSeconds ?? 300) * 1000);
    sandbox.idleTimer.unref();
    this.wakeWaiting();
  }

  async close(): Promise<void> {
    this.closed = true;
    const workers = [...this.sandboxes].map((sandbox) => sandbox.worker);
    this.sandboxes.clear();
    await Promise.all(workers.map((worker) => worker.terminate()));
  }

  private async acquire(): Promise<Sandbox> {
    for (;;) {
      // One cold start at a time per function: a burst is served by each sandbox as it
      // warms instead of starting them all at once on shared cores.
      const coldStarting = [...this.sandboxes].some((candidate) => candidate.initializing);
      // The warm sandbox used last: the others stay idle longest and are the first to go.
      const warm = this.idleByAge().at(-1);
      const mayStart = !coldStarting && this.sandboxes.size < (this.options.maxConcurrency ?? 4);
      const sandbox = warm ?? (mayStart && this.budget.reserve() ? this.startSandbox() : undefined);
      if (sandbox) {
        sandbox.busy = true;
        clearTimeout(sandbox.idleTimer);
        return sandbox;
      }
      await new Promise<void>((resolve) => {
        this.waiting.push(resolve);
        // Held back by the budget alone: room anywhere in the runtime may let it start.
        if (mayStart) this.budget.whenChanged(resolve);
      });
    }
  }

  private startSandbox(): Sandbox {
    const { options } = this;
    const worker = new Worker(bootstrap, {
      workerData: { codeDirectory: options.codeDirectory, handler: options.handler },
      execArgv: sandboxExecArgv(process.execArgv),
      env: {
        ...options.environment,
        AWS_REGION: options.region,
        AWS_DEFAULT_REGION: options.region,
        AWS_LAMBDA_FUNCTION_NAME: options.name,
        AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
        AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(options.memoryMb),
        AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${options.name}`,
        AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs_offline',
        // Lambda says how the sandbox started; Powertools reads it to report cold starts.
        AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
        LAMBDA_TASK_ROOT: options.codeDirectory,
        _HANDLER: options.handler,
        TZ: 'UTC',
      },
      resourceLimits: lambdaHeapLimits(options.memoryMb),
      stdout: true,
      stderr: true,
    });
    let initDone: (outcome: InvocationError | undefined) => void = () => undefined;
    const sandbox: Sandbox = {
      worker,
      busy: false,
      initializing: true,
      initialized: new Promise((resolve) => (initDone = resolve)),
      idleSince: Date.now(),
      counted: true,
    };
    const log = options.log ?? ((line: string) => console.log(line));
    for (const stream of [worker.stdout, worker.stderr]) createInterface({ input: stream }).on('line', log);

    const initLimitSeconds = options.initTimeoutSeconds ?? 10;
    void (options.initSlots ?? machineInitSlots).acquire().then((release) => {
      const initTimer = setTimeout(
        () => initDone({ errorType: 'Sandbox.Timedout', errorMessage: `Init phase timed out after ${initLimitSeconds}.00 seconds` }),
        initLimitSeconds * 1000,
      );
      void sandbox.initialized.then(() => {
        clearTimeout(initTimer);
        release();
      });
      worker.postMessage({ kind: 'init' });
    });
    void sandbox.initialized.then(() => {
      sandbox.initializing = false;
      // An invocation waiting because this one was cold-starting may start the next sandbox now.
      this.wakeWaiting();
    });
    worker.on('message', (message: SandboxMessage) => {
      if (message.kind === 'initialized') return initDone(undefined);
      if (message.kind === 'init-failed') return initDone(message.error);
      if (sandbox.current?.id !== message.id) return;
      sandbox.current.finish(message.ok ? { ok: true, result: message.result } : { ok: false, error: message.error });
    });
    const discard = (error: InvocationError) => {
      this.sandboxes.delete(sandbox);
      clearTimeout(sandbox.idleTimer);
      initDone(error);
      sandbox.current?.finish({ ok: false, error });
    };
    worker.on('error', (error) => discard({ errorType: 'Runtime.UnhandledError', errorMessage: error.message }));
    worker.on('exit', (code) => {
      discard({ errorType: 'Runtime.ExitError', errorMessage: `Sandbox exited with code ${code}` });
      if (sandbox.counted) {
        sandbox.counted = false;
        this.budget.release();
      }
      this.wakeWaiting();
    });
    this.sandboxes.add(sandbox);
    return sandbox;
  }

  private async run(sandbox: Sandbox, event: unknown, requestId: string): Promise<InvocationResult> {
    const initError = await sandbox.initialized;
    if (initError) {
      // A sandbox whose init failed serves nobody: the next invocation starts a fresh one.
      sandbox.busy = false;
      this.stop(sandbox);
      return { ok: false, error: initError };
    }
    const { options } = this;
    const timeoutMs = options.timeoutSeconds * 1000;
    return new Promise<InvocationResult>((resolve) => {
      const timer = setTimeout(() => {
        // Lambda stops a timed-out sandbox; whatever it held is gone.
        sandbox.current?.finish({
          ok: false,
          error: { errorType: 'Sandbox.Timedout', errorMessage: `Task timed out after ${options.timeoutSeconds}.00 seconds` },
        });
        this.stop(sandbox);
      }, timeoutMs);
      sandbox.current = {
        id: requestId,
        finish: (result) => {
          clearTimeout(timer);
          sandbox.current = undefined;
          if (this.sandboxes.has(sandbox)) this.becameIdle(sandbox);
          else sandbox.busy = false;
          resolve(result);
        },
      };
      sandbox.worker.postMessage({
        id: requestId,
        event,
        context: {
          awsRequestId: requestId,
          functionName: options.name,
          functionVersion: '$LATEST',
          invokedFunctionArn: arns.function(options, options.name),
          memoryLimitInMB: String(options.memoryMb),
          logGroupName: `/aws/lambda/${options.name}`,
          logStreamName: `local/${sandbox.worker.threadId}`,
          deadline: Date.now() + timeoutMs,
        },
      });
    });
  }
}
