import { join } from 'node:path';
import { repositoryRoot, synthesisNeeded, synthesize } from '../../offline/synthesis';
import { startOfflinePlatform, type OfflinePlatform } from '../../test/support/offline-platform';

/**
 * The offline platform for a benchmark: the stacks `npm start` runs (cdktf.out,
 * synthesized first when stale, as npm start does), in memory, on a free port.
 */
export async function startBenchPlatform(): Promise<OfflinePlatform> {
  const outdir = join(repositoryRoot, process.env.CDKTF_OUTDIR || 'cdktf.out');
  const reason = synthesisNeeded(outdir, process.env);
  if (reason !== undefined) {
    console.log(`Synthesizing the stacks into ${outdir} (${reason}) ...`);
    const result = synthesize(outdir, process.env);
    if (!result.ok) throw new Error(`Synthesis failed:\n${result.output}`);
  }
  process.env.SHOP_TEST_STACKS = outdir;
  process.env.SHOP_TEST_STACKS_SETTINGS ??= '{}';
  return startOfflinePlatform();
}
