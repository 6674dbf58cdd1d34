import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repositoryRoot } from '../bundling/bundle-lambda';
import { npmScriptNodeArguments } from '../test/support/npm-script';
import { median } from './support/statistics';

/**
 * How long `npm start` takes to serve, in the cases a user meets:
 * - warm: the synthesized stacks are up to date and the data directory is kept
 *   (read the stacks, find everything applied, serve; target under 1.5 s);
 * - a first start: the stacks are up to date, the data directory is new, so
 *   everything is applied (users, secret, items, the provisioner and the first
 *   rotation invoked), as with `--in-memory` every time;
 * - the stacks must be synthesized first (a fresh clone, a changed stack).
 * Also the memory the process holds once ready.
 * Usage: npx tsx bench/startup.ts [runs=5] [synthesizing runs=2]
 */
const warmRuns = Number(process.argv[2] ?? 5);
const synthRuns = Number(process.argv[3] ?? 2);

function residentMegabytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

interface StartFigures {
  wallMs: number;
  reportedMs: number;
  rssMb: number;
  synthesized: boolean;
}

async function startOnce(outdir: string, dataDirectory?: string): Promise<StartFigures> {
  const started = process.hrtime.bigint();
  const storage = dataDirectory === undefined ? ['--in-memory'] : [];
  // Exactly what `npm start` runs (package.json), without npm's own start-up.
  const child = spawn(process.execPath, [...npmScriptNodeArguments('start'), ...storage, '--quiet'], {
    cwd: repositoryRoot,
    env: { ...process.env, PORT: '0', CDKTF_OUTDIR: outdir, ...(dataDirectory === undefined ? {} : { SHOP_DATA_DIR: dataDirectory }) },
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
        resolve({ wallMs, reportedMs: Number(ready[1]) * 1000, rssMb, synthesized: output.includes('Synthesizing the stacks') });
      }, 500);
    });
    child.on('exit', (code) => {
      if (!/Ready in/.test(output)) reject(new Error(`npm start exited with ${code}:\n${output}`));
    });
  });
}


function report(title: string, results: StartFigures[], target: string): void {
  const wall = results.map((result) => result.wallMs);
  console.log(title);
  console.log(`  spawn to ready:      median ${median(wall).toFixed(0)} ms, max ${Math.max(...wall).toFixed(0)} ms   ${target}`);
  console.log(`  as npm start says:   median ${median(results.map((r) => r.reportedMs)).toFixed(0)} ms`);
  console.log(`  resident memory:     median ${median(results.map((r) => r.rssMb)).toFixed(0)} MiB once ready`);
}

async function main(): Promise<void> {
  const synthesizing: StartFigures[] = [];
  const outdirs: string[] = [];
  for (let run = 0; run < synthRuns; run += 1) {
    const outdir = join(mkdtempSync(join(tmpdir(), 'bench-startup-')), 'cdktf.out');
    outdirs.push(outdir);
    synthesizing.push(await startOnce(outdir));
  }
  // The last synthesized directory is now up to date.
  const upToDate = outdirs[outdirs.length - 1] ?? join(mkdtempSync(join(tmpdir(), 'bench-startup-')), 'cdktf.out');
  if (synthRuns === 0) await startOnce(upToDate);
  const firstStarts: StartFigures[] = [];
  for (let run = 0; run < warmRuns; run += 1) firstStarts.push(await startOnce(upToDate));
  const dataDirectory = join(mkdtempSync(join(tmpdir(), 'bench-startup-data-')), '.local-data');
  await startOnce(upToDate, dataDirectory);
  const warm: StartFigures[] = [];
  for (let run = 0; run < warmRuns; run += 1) warm.push(await startOnce(upToDate, dataDirectory));
  if ([...warm, ...firstStarts].some((result) => result.synthesized) || synthesizing.some((result) => !result.synthesized)) {
    throw new Error('A start from up-to-date stacks synthesized, or a fresh one did not: the figures would be mislabelled');
  }
  report(`npm start, warm: stacks up to date, data directory kept (${warmRuns} runs)`, warm, '(target < 1500 ms)');
  report(`npm start --in-memory: stacks up to date, everything applied afresh (${warmRuns} runs)`, firstStarts, '');
  if (synthRuns > 0) report(`npm start --in-memory, synthesizing the stacks first (${synthRuns} runs)`, synthesizing, '');
  for (const outdir of outdirs) rmSync(join(outdir, '..'), { recursive: true, force: true });
  rmSync(join(dataDirectory, '..'), { recursive: true, force: true });
}

void main();
