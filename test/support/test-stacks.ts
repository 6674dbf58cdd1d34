import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeploymentState } from '../../offline/deployment/deployment-state';
import type { OfflineDeployment } from '../../offline/deployment/model';
import { readDeployment } from '../../offline/deployment/read-deployment';
import { InMemoryDocumentStore } from '../../offline/state/document-store';
import { synthesize } from '../../offline/synthesis';
import { loadSynthesizedApp } from '../../offline/terraform/synthesized-app';
import { childEnvironment } from './child-environment';

/**
 * The stacks every offline-platform suite runs: synthesized once per test run
 * by the global set-up (test/support/synthesize-test-stacks.ts), exactly as
 * `npm run synth` writes them.
 */
export function testStacksDirectory(): string {
  const directory = process.env.SHOP_TEST_STACKS;
  if (!directory) throw new Error('SHOP_TEST_STACKS is not set: run the tests with jest, whose global set-up synthesizes the stacks');
  return directory;
}

export type StackJson = { [key: string]: unknown };

/**
 * A copy of the synthesized stacks with one change made to a stack's
 * `cdk.tf.json`: what a mutation test starts with `--stacks`.
 */
export function mutatedStacks(stack: string, change: (config: StackJson) => void): string {
  const copy = join(mkdtempSync(join(tmpdir(), 'shop-mutated-stacks-')), 'cdktf.out');
  cpSync(testStacksDirectory(), copy, { recursive: true });
  const file = join(copy, 'stacks', stack, 'cdk.tf.json');
  const config = JSON.parse(readFileSync(file, 'utf8')) as StackJson;
  change(config);
  writeFileSync(file, JSON.stringify(config, null, 2));
  return copy;
}

/** Stacks synthesized with other settings, as `SHOP_...=... npm start` synthesizes them (offline/synthesis.ts; a few seconds). */
export function synthesizedWith(settings: Record<string, string>): string {
  const outdir = join(mkdtempSync(join(tmpdir(), 'shop-stacks-')), 'cdktf.out');
  const result = synthesize(outdir, childEnvironment(settings));
  if (!result.ok) throw new Error(`Synthesizing the stacks with ${JSON.stringify(settings)} failed:\n${result.output}`);
  return outdir;
}

/** The deployment the test stacks amount to, read in memory (ids generated afresh). */
export function testDeployment(): OfflineDeployment {
  return readDeployment({
    app: loadSynthesizedApp(testStacksDirectory()),
    state: new DeploymentState(new InMemoryDocumentStore()),
    accountId: '000000000000',
    endpoint: 'http://127.0.0.1:4747',
  });
}
