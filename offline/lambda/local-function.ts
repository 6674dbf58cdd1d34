import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Worker } from 'node:worker_threads';
import { arns } from '../aws/arns';

/**
 * One Lambda function run locally from its esbuild bundle. Like Lambda, each
 * sandbox (a worker thread with the function's own environment and memory limit)
 * serves one invocation at a time; concurrent invocations get more sandboxes up
 * to `maxConcurrency`, then wait. A sandbox that times out or crashes is thrown
 * away and the next invocation cold-starts a new one.
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
}

export interface InvocationError {
  errorType: string;
  errorMessage: string;
  stack?: string[];
}

export type InvocationResult = { ok: true; result: unknown } | { ok: false; error: InvocationError };

interface Sandbox {
  worker: Worker;
  /** Taken by an invocation, from acquire() until it finishes. */
  busy: boolean;
  current?: { id: string; finish: (result: InvocationResult) => void };
}

const bootstrap = join(__dirname, 'worker-bootstrap.js');

export class LocalFunction {
  private readonly sandboxes = new Set<Sandbox>();
  private readonly waiting: Array<() => void> = [];
  private closed = false;

  constructor(private readonly options: LocalFunctionOptions) {}

  get name(): string {
    return this.options.name;
  }

  async invoke(event: unknown, requestId: string = randomUUID()): Promise<InvocationResult> {
    if (this.closed) throw new Error(`${this.options.name} is shut down`);
    if (this.options.maxConcurrency === 0) {
      return { ok: false, error: { errorType: 'TooManyRequestsException', errorMessage: 'Rate Exceeded. (reserved concurrency 0)' } };
    }
    const sandbox = await this.acquire();
    try {
      return await this.run(sandbox, event, requestId);
    } finally {
      this.waiting.shift()?.();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const workers = [...this.sandboxes].map((sandbox) => sandbox.worker);
    this.sandboxes.clear();
    await Promise.all(workers.map((worker) => worker.terminate()));
  }

  private async acquire(): Promise<Sandbox> {
    for (;;) {
      const sandbox =
        [...this.sandboxes].find((candidate) => !candidate.busy) ??
        (this.sandboxes.size < (this.options.maxConcurrency ?? 4) ? this.startSandbox() : undefined);
      if (sandbox) {
        sandbox.busy = true;
        return sandbox;
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }

  private startSandbox(): Sandbox {
    const { options } = this;
    const worker = new Worker(bootstrap, {
      workerData: { codeDirectory: options.codeDirectory, handler: options.handler },
      env: {
        ...options.environment,
        AWS_REGION: options.region,
        AWS_DEFAULT_REGION: options.region,
        AWS_LAMBDA_FUNCTION_NAME: options.name,
        AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
        AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(options.memoryMb),
        AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${options.name}`,
        AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs_offline',
        LAMBDA_TASK_ROOT: options.codeDirectory,
        _HANDLER: options.handler,
        TZ: 'UTC',
      },
      resourceLimits: { maxOldGenerationSizeMb: Math.max(64, options.memoryMb) },
      stdout: true,
      stderr: true,
    });
    const sandbox: Sandbox = { worker, busy: false };
    const log = options.log ?? ((line: string) => console.log(line));
    for (const stream of [worker.stdout, worker.stderr]) createInterface({ input: stream }).on('line', log);

    worker.on('message', (message: { id: string } & InvocationResult) => {
      if (sandbox.current?.id !== message.id) return;
      sandbox.current.finish(message.ok ? { ok: true, result: message.result } : { ok: false, error: message.error });
    });
    const discard = (error: InvocationError) => {
      this.sandboxes.delete(sandbox);
      sandbox.current?.finish({ ok: false, error });
    };
    worker.on('error', (error) => discard({ errorType: 'Runtime.UnhandledError', errorMessage: error.message }));
    worker.on('exit', (code) => discard({ errorType: 'Runtime.ExitError', errorMessage: `Sandbox exited with code ${code}` }));
    this.sandboxes.add(sandbox);
    return sandbox;
  }

  private run(sandbox: Sandbox, event: unknown, requestId: string): Promise<InvocationResult> {
    const { options } = this;
    const timeoutMs = options.timeoutSeconds * 1000;
    return new Promise<InvocationResult>((resolve) => {
      const timer = setTimeout(() => {
        // Lambda stops a timed-out sandbox; whatever it held is gone.
        sandbox.current?.finish({
          ok: false,
          error: { errorType: 'Sandbox.Timedout', errorMessage: `Task timed out after ${options.timeoutSeconds}.00 seconds` },
        });
        this.sandboxes.delete(sandbox);
        void sandbox.worker.terminate();
      }, timeoutMs);
      sandbox.current = {
        id: requestId,
        finish: (result) => {
          clearTimeout(timer);
          sandbox.current = undefined;
          sandbox.busy = false;
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
