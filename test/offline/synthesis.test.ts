import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { settingsFingerprint, synthesisNeeded } from '../../offline/synthesis';

/** A checkout with one source file, and a synthesized directory beside it. */
function checkout() {
  const root = mkdtempSync(join(tmpdir(), 'checkout-'));
  mkdirSync(join(root, 'stacks'));
  writeFileSync(join(root, 'stacks', 'api-stack.ts'), '// the api stack');
  const outdir = join(root, 'cdktf.out');
  const synthesize = (at: Date, env?: NodeJS.ProcessEnv) => {
    mkdirSync(outdir, { recursive: true });
    writeFileSync(join(outdir, 'manifest.json'), '{}');
    utimesSync(join(outdir, 'manifest.json'), at, at);
    if (env) writeFileSync(join(outdir, 'offline-synthesis.json'), JSON.stringify({ settings: settingsFingerprint(env) }));
  };
  const touchSource = (at: Date) => utimesSync(join(root, 'stacks', 'api-stack.ts'), at, at);
  return { root, outdir, synthesize, touchSource };
}

const earlier = new Date(Date.now() - 60_000);
const later = new Date(Date.now() + 60_000);

describe('when npm start synthesizes the stacks', () => {
  it('when there are none, or a source changed since', () => {
    const { root, outdir, synthesize, touchSource } = checkout();
    expect(synthesisNeeded(outdir, {}, root)).toBe(`${outdir} holds no synthesized stacks`);
    touchSource(later);
    synthesize(earlier, {});
    expect(synthesisNeeded(outdir, {}, root)).toBe('stacks/api-stack.ts changed since the last synthesis');
  });

  it('when it synthesized them itself with other settings; not when they are the same', () => {
    const { root, outdir, synthesize, touchSource } = checkout();
    touchSource(earlier);
    synthesize(later, { SHOP_TOKEN_GRACE_SECONDS: '60', PATH: '/bin' });
    expect(synthesisNeeded(outdir, { SHOP_TOKEN_GRACE_SECONDS: '60', PATH: '/usr/bin', SHOP_DATA_DIR: '/data' }, root)).toBeUndefined();
    expect(synthesisNeeded(outdir, { SHOP_TOKEN_GRACE_SECONDS: '30' }, root)).toBe('the settings (SHOP_*, AWS_REGION) changed since the last synthesis');
    expect(synthesisNeeded(outdir, {}, root)).toBe('the settings (SHOP_*, AWS_REGION) changed since the last synthesis');
  });

  it('runs stacks someone synthesized with npm run synth as they are, unless the environment sets settings', () => {
    const { root, outdir, synthesize, touchSource } = checkout();
    touchSource(earlier);
    synthesize(later);
    expect(synthesisNeeded(outdir, { PATH: '/bin', SHOP_DATA_DIR: '/data' }, root)).toBeUndefined();
    expect(synthesisNeeded(outdir, { AWS_REGION: 'eu-west-1', SHOP_PREFIX: 'x' }, root)).toBe(`AWS_REGION, SHOP_PREFIX may differ from what ${outdir} was synthesized with`);
  });
});
