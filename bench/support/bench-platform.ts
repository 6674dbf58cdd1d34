import { join } from 'node:path';
import { repositoryRoot, synthesisNeeded, synthesize } from '../../offline/synthesis';
import { standardScryptCost } from '../../offline/cognito-idp';
import { startOfflinePlatform, type OfflinePlatform } from '../../test/support/offline-platform';

/**
 * The offline platform for a benchmark: the stacks as `npm start` synthesizes
 * them, but with the stage's and the web ACL's limits opened up (a benchmark
 * sends far more from one address than a client would), in memory, on a free
 * port. Synthesized into node_modules/.cache, again only when a source changed.
 */
const benchSettings = { SHOP_API_RATE_LIMIT: '10000', SHOP_API_BURST_LIMIT: '5000', SHOP_WAF_RATE_LIMIT: '2000000000' };

export async function startBenchPlatform(): Promise<OfflinePlatform> {
  const outdir = join(repositoryRoot, 'node_modules', '.cache', 'shop-bench-stacks', 'cdktf.out');
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, ...benchSettings };
  const reason = synthesisNeeded(outdir, env);
  if (reason !== undefined) {
    console.log(`Synthesizing the stacks into ${outdir} (${reason}) ...`);
    const result = synthesize(outdir, env);
    if (!result.ok) throw new Error(`Synthesis failed:\n${result.output}`);
  }
  process.env.SHOP_TEST_STACKS = outdir;
  process.env.SHOP_TEST_STACKS_SETTINGS = JSON.stringify(benchSettings);
  // What npm start hashes passwords with: the sign-in flood bench measures exactly that work.
  return startOfflinePlatform({ inMemory: true, scryptCost: standardScryptCost });
}
