import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repositoryRoot } from '../bundling/bundle-lambda';

/**
 * How long `npm start` takes to serve, on a warm install (bundles built), and
 * how much memory the process holds once ready. Target: ready in under 3 s.
 * Usage: npx tsx bench/startup.ts [runs=5]
 */
const runs = Number(process.argv[2] ?? 5);
const tsx = join(repositoryRoot, 'node_modules', '.bin', 'tsx');

function residentMegabytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

async function startOnce(): Promise<{ wallMs: number; reportedMs: number; rssMb: number }> {
  const started = process.hrtime.bigint();
  const child = spawn(tsx, [join(repositoryRoot, 'offline', 'main.ts'), '--in-memory', '--quiet'], {
    cwd: repositoryRoot,
    env: { ...process.env, PORT: '0' },
  });
  let output = '';
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /Ready in ([\d.]+) s/.exec(output);
      if (!ready) return;
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      // Let the workers' first sandboxes settle before reading memory.
      setTimeout(() => {
        const rssMb = residentMegabytes(child.pid!);
        child.kill('SIGTERM');
        resolve({ wallMs, reportedMs: Number(ready[1]) * 1000, rssMb });
      }, 500);
    });
    child.on('exit', (code) => {
      if (!/Ready in/.test(output)) reject(new Error(`npm start exited with ${code}:\n${output}`));
    });
  });
}

async function main(): Promise<void> {
  const results = [];
  for (let run = 0; run < runs; run += 1) results.push(await startOnce());
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const wall = results.map((result) => result.wallMs);
  console.log(`npm start (--in-memory), ${runs} runs on a warm install`);
  console.log(`  spawn to ready:      median ${median(wall).toFixed(0)} ms, max ${Math.max(...wall).toFixed(0)} ms   (target < 3000 ms)`);
  console.log(`  set-up after load:   median ${median(results.map((r) => r.reportedMs)).toFixed(0)} ms`);
  console.log(`  resident memory:     median ${median(results.map((r) => r.rssMb)).toFixed(0)} MiB once ready`);
}

void main();
