import { App } from 'cdktf';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { loadDeploymentConfig } from '../../stacks/deployment-config';
import { defineStacks } from '../../stacks/define-stacks';
import { withUnmappedStackTraces } from './unmapped-stack-traces';

/** Synthesizes the app like `npm run synth` into a fresh directory and returns it. */
export function fullSynth(env: NodeJS.ProcessEnv = {}): string {
  const outdir = mkdtempSync(join(tmpdir(), 'cdktf-synth-'));
  withUnmappedStackTraces(() => {
    const app = new App({ outdir });
    defineStacks(app, loadDeploymentConfig(env));
    app.synth();
  });
  return outdir;
}

/** Every file below a directory, as paths relative to it. */
export function filesBelow(directory: string): string[] {
  const found: string[] = [];
  const walk = (current: string) => {
    for (const entry of readdirSync(current)) {
      const path = join(current, entry);
      if (statSync(path).isDirectory()) walk(path);
      else found.push(relative(directory, path));
    }
  };
  walk(directory);
  return found.sort();
}

export function readText(directory: string, file: string): string {
  return readFileSync(join(directory, file), 'utf8');
}
