import { spawnSync } from 'node:child_process';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleLambda, repositoryRoot } from '../bundling/bundle-lambda';
import { functions } from '../platform/functions';
import { median } from './support/statistics';

/**
 * Each Lambda bundle's size and its module init: from process start to the
 * handler exported, its SDK clients loaded, measured inside a fresh Node
 * process (performance.now() counts from the process's start), next to the
 * same measure for `node -e 0` in the same run. Two builds of every function:
 * the SDK left to the runtime (what deploys: here it loads from node_modules,
 * as on AWS from the runtime's copy) and the SDK bundled and minified in.
 * Usage: npx tsx bench/lambdas.ts [runs=7]
 */
const runs = Number(process.argv[2] ?? 7);

/** Milliseconds from process start to the end of `script`, the median of `runs` fresh processes. */
function processStartTo(script: string, nodePath?: string): number {
  const samples: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const result = spawnSync(process.execPath, ['-e', `${script};process.stdout.write(String(performance.now()))`], {
      cwd: repositoryRoot,
      encoding: 'utf8',
      // As on Lambda, where NODE_PATH leads to the runtime's SDK (/var/runtime/node_modules).
      env: { PATH: process.env.PATH, ...(nodePath ? { NODE_PATH: nodePath } : {}), AWS_REGION: 'eu-central-1', AWS_LAMBDA_FUNCTION_NAME: 'bench', TABLE_NAME: 'bench', USER_POOL_ID: 'eu-central-1_bench' },
    });
    if (result.status !== 0) throw new Error(`node -e failed: ${result.stderr}`);
    samples.push(Number(result.stdout));
  }
  return median(samples);
}

const floor = processStartTo('0');
console.log(`node -e 0 (floor): ${floor.toFixed(1)} ms from process start; ${runs} runs each, medians\n`);
console.log(`${'function'.padEnd(24)} ${'SDK from runtime'.padStart(30)}   ${'SDK bundled'.padStart(30)}`);
console.log(`${''.padEnd(24)} ${'size      init   ×floor'.padStart(30)}   ${'size      init   ×floor'.padStart(30)}`);
const bundledRoot = mkdtempSync(join(tmpdir(), 'bench-bundled-sdk-'));
const runtimeRoot = mkdtempSync(join(tmpdir(), 'bench-runtime-sdk-'));
for (const fn of Object.values(functions)) {
  const cells = (['runtime', 'bundled'] as const).map((awsSdk) => {
    const bundle = bundleLambda(fn, awsSdk === 'bundled' ? bundledRoot : runtimeRoot, { awsSdk });
    const script = join(bundle.directory, 'index.js');
    const kib = statSync(script).size / 1024;
    const nodePath = awsSdk === 'runtime' ? join(repositoryRoot, 'node_modules') : undefined;
    const init = processStartTo(`const m=require(${JSON.stringify(script)});if(typeof m.handler!=='function')throw new Error('no handler')`, nodePath);
    return `${kib.toFixed(0).padStart(5)} KiB ${init.toFixed(1).padStart(6)} ms ${(init / floor).toFixed(1).padStart(5)}×`;
  });
  console.log(`${fn.name.padEnd(24)} ${cells[0].padStart(30)}   ${cells[1].padStart(30)}`);
}
console.log('\nTargets (issue 12): every API bundle ≤ 200 KiB; init ≤ 50 ms on this machine.');
