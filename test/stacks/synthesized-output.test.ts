import { homedir, tmpdir } from 'node:os';
import { unzipSync } from 'fflate';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repositoryRoot } from '../../bundling/bundle-lambda';
import { filesBelow, fullSynth, readText } from '../support/full-synth';

const first = fullSynth();
const second = fullSynth();
const stackFiles = ['identity', 'data', 'api'].map((stack) => `stacks/${stack}/cdk.tf.json`);

describe('synthesized output', () => {
  it('writes the four stacks', () => {
    expect(filesBelow(first).filter((file) => file.endsWith('cdk.tf.json'))).toEqual([
      'stacks/api/cdk.tf.json',
      'stacks/data/cdk.tf.json',
      'stacks/identity/cdk.tf.json',
      'stacks/web/cdk.tf.json',
    ]);
  });

  it('is identical on a second run, assets included', () => {
    expect(filesBelow(second)).toEqual(filesBelow(first));
    for (const file of filesBelow(first).filter((name) => name !== 'manifest.json')) {
      expect({ file, bytes: readFileSync(join(second, file)).equals(readFileSync(join(first, file))) }).toEqual({
        file,
        bytes: true,
      });
    }
  });

  it('holds no path of the machine it was made on', () => {
    const machinePaths = [repositoryRoot, homedir(), tmpdir(), first];
    for (const file of stackFiles) {
      const text = readText(first, file);
      for (const path of machinePaths) expect({ file, leaks: text.includes(path) }).toEqual({ file, leaks: false });
    }
  });

  /** What a leaked credential looks like; the synthesized files and bundles must match none. */
  const secretPatterns: Array<[string, RegExp]> = [
    ['private key', /-----BEGIN [A-Z ]*PRIVATE KEY-----/],
    ['AWS access key', /\b(AKIA|ASIA)[A-Z0-9]{16}\b/],
    ['password argument', /"(password|temporary_password|secret_string|secret_string_wo)"\s*:/],
    ['password value', /"password"\s*:\s*"[^"]+"/],
    ['shop token value', /"shopToken"\s*:\s*\{\s*"S"/],
  ];

  it.each(secretPatterns)('contains no %s in any stack', (_what, pattern) => {
    for (const file of stackFiles) expect({ file, match: pattern.exec(readText(first, file))?.[0] }).toEqual({ file, match: undefined });
  });

  it.each(secretPatterns)('contains no %s in any Lambda archive', (_what, pattern) => {
    const archives = filesBelow(first).filter((file) => file.endsWith('.zip'));
    expect(archives.length).toBeGreaterThan(0);
    for (const archive of archives) {
      const entries = unzipSync(readFileSync(join(first, archive)));
      for (const [entry, bytes] of Object.entries(entries)) {
        const text = Buffer.from(bytes).toString('utf8');
        expect({ archive, entry, match: pattern.exec(text)?.[0] }).toEqual({ archive, entry, match: undefined });
      }
    }
  });
});
