import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repositoryRoot } from '../../bundling/bundle-lambda';
import { namedResources, prefixLimit } from '../../platform/resource-names';
import { fullSynth } from '../support/full-synth';
import { requireTool } from '../support/require-tool';

/**
 * `terraform init -backend=false && terraform validate` on each synthesized stack,
 * offline: the CLI configuration the project ships installs hashicorp/aws only
 * from the local provider mirror.
 */
const cliConfig = join(repositoryRoot, 'terraform', 'offline-mirror.tfrc');
const providerDirectory = '/opt/tf-plugins/registry.terraform.io/hashicorp/aws';
/** The provider in the mirror, unpacked (this image) or packed (`terraform providers mirror`, as the GitHub workflow makes it). */
const mirrorHasProvider = (): boolean =>
  existsSync(join(providerDirectory, '5.100.0')) ||
  (existsSync(providerDirectory) && readdirSync(providerDirectory).some((entry) => entry.startsWith('terraform-provider-aws_5.100.0_')));
const pinnedVersion = readFileSync(join(repositoryRoot, '.terraform-version'), 'utf8').trim();

function whyUnavailable(): string | undefined {
  const version = spawnSync('terraform', ['version', '-json'], { encoding: 'utf8' });
  if (version.error || version.status !== 0) return 'terraform is not on PATH';
  const installed = (JSON.parse(version.stdout) as { terraform_version: string }).terraform_version;
  if (installed !== pinnedVersion) return `terraform ${installed} is installed but .terraform-version pins ${pinnedVersion}`;
  if (!mirrorHasProvider()) return `the provider mirror ${providerDirectory} has no hashicorp/aws 5.100.0`;
  return undefined;
}

const terraform = requireTool('terraform with the hashicorp/aws provider mirror', whyUnavailable());
const maybe = terraform.it;

/** The longest prefix the settings accept: names at their limits are what the provider checks. */
const longestPrefix = 'z'.repeat(prefixLimit().maxLength);
const stacks = ['identity', 'data', 'api', 'web'];

/**
 * The one diagnostic we accept: hashicorp/aws 5.x only resets API Gateway's
 * account CloudWatch role on destroy when told to, and marks the switch as
 * deprecated because 6.x resets by default.
 */
const expectedDiagnostics: Record<string, string[]> = {
  api: ['Attribute Deprecated: The "reset_on_delete" attribute will be removed in a future version of the provider'],
};

interface SynthesizedStack {
  resource?: Record<string, Record<string, Record<string, unknown>>>;
}

describe('terraform validate (offline)', () => {
  const outdir = terraform.available ? fullSynth({ SHOP_PREFIX: longestPrefix }) : '';
  // Terraform's working files, removed afterwards; one copy of the 700 MB provider
  // for the four stacks in a plugin cache, which init links from after the first.
  const workDirectory = mkdtempSync(join(tmpdir(), 'tf-validate-'));
  afterAll(() => rmSync(workDirectory, { recursive: true, force: true }));

  maybe('names every named resource from the platform list, so the prefix limit covers them all', () => {
    const known = new Set(namedResources(longestPrefix).map((resource) => resource.name));
    const named: string[] = [];
    const collect = (value: unknown, key: string) => {
      if (typeof value === 'string' && /(^|_)name$/.test(key) && value.includes(longestPrefix)) named.push(value);
      else if (Array.isArray(value)) value.forEach((item) => collect(item, key));
      else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) collect(v, k);
    };
    for (const stack of stacks) {
      const synthesized = JSON.parse(readFileSync(join(outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8')) as SynthesizedStack;
      collect(synthesized.resource ?? {}, '');
    }
    expect(named.length).toBeGreaterThan(20);
    expect(named.filter((name) => !known.has(name))).toEqual([]);
  });

  maybe.each(stacks)('%s stack is valid with hashicorp/aws 5.100.0, with the longest prefix the settings accept', (stack) => {
    const env = {
      ...process.env,
      TF_CLI_CONFIG_FILE: cliConfig,
      TF_DATA_DIR: join(workDirectory, stack, '.terraform'),
      TF_PLUGIN_CACHE_DIR: join(workDirectory, 'plugin-cache'),
      TF_IN_AUTOMATION: '1',
      CHECKPOINT_DISABLE: '1',
    };
    mkdirSync(env.TF_PLUGIN_CACHE_DIR, { recursive: true });
    const run = (args: string[]) =>
      spawnSync('terraform', args, { cwd: join(outdir, 'stacks', stack), env, encoding: 'utf8' });

    const init = run(['init', '-backend=false', '-input=false', '-no-color']);
    expect({ status: init.status, output: init.status === 0 ? '' : init.stdout + init.stderr }).toEqual({
      status: 0,
      output: '',
    });
    expect(init.stdout).toContain('hashicorp/aws v5.100.0');

    const validate = run(['validate', '-json', '-no-color']);
    const result = JSON.parse(validate.stdout) as { valid: boolean; diagnostics: Array<{ summary: string; detail: string }> };
    expect(result.diagnostics.map((diagnostic) => `${diagnostic.summary}: ${diagnostic.detail}`)).toEqual(expectedDiagnostics[stack] ?? []);
    expect(result.valid).toBe(true);
  });
});
