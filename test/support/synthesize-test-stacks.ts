import { join } from 'node:path';
import { commandBundle } from '../../offline/run-command';
import { repositoryRoot, synthesisNeeded, synthesize } from '../../offline/synthesis';
import { childEnvironment } from './child-environment';

/**
 * For jest's global set-up (global-setup.ts): the stacks every suite that
 * starts the offline platform runs, synthesized as `npm run synth` writes them — with the defaults, and the
 * stage throttle raised (a deployable setting) because the suites send bursts no
 * shop would. Kept under node_modules/.cache and synthesized again only when a
 * source changed, as npm start decides for cdktf.out.
 */
// Every suite calls from 127.0.0.1, in parallel: no stage or per-address limit may turn a test's call away.
// A short token grace period, so a suite can wait one out before rotating again.
export const testSettings = {
  SHOP_API_RATE_LIMIT: '10000',
  SHOP_API_BURST_LIMIT: '5000',
  SHOP_WAF_RATE_LIMIT: '2000000000',
  SHOP_TOKEN_GRACE_SECONDS: '5',
  // A short user cache, so a suite sees a demoted or disabled user refused without waiting out the default 10 s.
  SHOP_USER_CACHE_SECONDS: '2',
  // A web app served from another origin: every path has its CORS preflight, every answer names the origin.
  SHOP_WEB_ORIGIN: 'https://shop.example',
};

export default async function synthesizeTestStacks(): Promise<void> {
  const outdir = join(repositoryRoot, 'node_modules', '.cache', 'shop-test-stacks', 'cdktf.out');
  const env = childEnvironment(testSettings);
  if (synthesisNeeded(outdir, env) !== undefined) {
    const result = synthesize(outdir, env);
    if (!result.ok) throw new Error(`Synthesizing the test stacks failed:\n${result.output}`);
  }
  // The bundles npm start and the other offline commands run, built once before suites start them in parallel.
  commandBundle('main');
  process.env.SHOP_TEST_STACKS = outdir;
  process.env.SHOP_TEST_STACKS_SETTINGS = JSON.stringify(testSettings);
}
