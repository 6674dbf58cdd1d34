import { createInterface } from 'node:readline';
import { signRequest, type AwsCredentials } from '../../test/support/signed-fetch';

/**
 * The load generator of bench:requests, in a process of its own so its
 * signing and HTTP work are not counted as the server's. It reads one job per
 * line on stdin, warms up, prints `warm`, waits for `go`, sends the measured
 * calls and prints `done <json>` with their latencies and statuses.
 */
export interface ClientJob {
  endpoint: string;
  credentials?: AwsCredentials;
  region: string;
  /** Signed for execute-api when credentials are given; else sent as is (floors). */
  method: string;
  path: string;
  body?: string;
  headers?: Record<string, string>;
  warmup: number;
  total: number;
  concurrency: number;
}

export interface ClientReport {
  latenciesMs: number[];
  statuses: Record<string, number>;
  seconds: number;
}

async function send(job: ClientJob): Promise<number> {
  const url = new URL(job.path, job.endpoint);
  if (!job.credentials) {
    const response = await fetch(url, { method: job.method, headers: job.headers, body: job.body });
    await response.arrayBuffer();
    return response.status;
  }
  const signed = await signRequest(job.endpoint, job.credentials, { method: job.method, path: job.path, body: job.body, headers: job.headers, region: job.region });
  const response = await fetch(new URL(signed.path, job.endpoint), { method: signed.method, headers: signed.headers, body: signed.body });
  await response.arrayBuffer();
  return response.status;
}

async function run(job: ClientJob, count: number, report?: ClientReport): Promise<void> {
  let issued = 0;
  await Promise.all(
    Array.from({ length: job.concurrency }, async () => {
      while (issued < count) {
        issued += 1;
        const began = process.hrtime.bigint();
        const status = await send(job);
        if (report) {
          report.latenciesMs.push(Number(process.hrtime.bigint() - began) / 1e6);
          report.statuses[status] = (report.statuses[status] ?? 0) + 1;
        }
      }
    }),
  );
}

const lines = createInterface({ input: process.stdin });
let job: ClientJob | undefined;
lines.on('line', (line) => {
  void (async () => {
    if (job === undefined) {
      job = JSON.parse(line) as ClientJob;
      await run(job, job.warmup);
      process.stdout.write('warm\n');
      return;
    }
    if (line === 'go') {
      const report: ClientReport = { latenciesMs: [], statuses: {}, seconds: 0 };
      const began = process.hrtime.bigint();
      await run(job, job.total, report);
      report.seconds = Number(process.hrtime.bigint() - began) / 1e9;
      process.stdout.write(`done ${JSON.stringify(report)}\n`);
      process.exit(0);
    }
  })();
});
