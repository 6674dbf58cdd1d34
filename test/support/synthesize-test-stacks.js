// Jest global set-up: synthesize the stacks once, as `npm run synth` does, into
// a temporary directory every suite that starts the offline platform runs.
// Settings: the defaults, with the stage throttle raised (a deployable setting)
// because the suites send bursts no shop would.
const { execFileSync } = require('node:child_process');
const { mkdtempSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const root = join(__dirname, '..', '..');

/** The settings the shared test stacks are synthesized with. */
const testSettings = { SHOP_API_RATE_LIMIT: '10000', SHOP_API_BURST_LIMIT: '5000' };

module.exports = async function synthesizeTestStacks() {
  const outdir = mkdtempSync(join(tmpdir(), 'shop-test-stacks-'));
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, CDKTF_OUTDIR: outdir, ...testSettings };
  execFileSync(join(root, 'node_modules', '.bin', 'tsx'), [join(root, 'main.ts')], { cwd: root, env, stdio: 'inherit' });
  process.env.SHOP_TEST_STACKS = outdir;
  process.env.SHOP_TEST_STACKS_SETTINGS = JSON.stringify(testSettings);
};
