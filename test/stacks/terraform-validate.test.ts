import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { repositoryRoot } from '../../bundling/bundle-lambda';
import { namedResources, prefixLimit } from '../../platform/resource-names';
import { fullSynth } from '../support/full-synth';
import { requireTool } from '../support/require-tool';

/**
 * `terraform init -backend=false && terraform validate` on the synthesized stacks,
 * offline: the CLI configuration the project ships installs hashicorp/aws only
 * from the local provider mirror. The four stacks are validated in one Terraform
 * run, each called as a child module of a root made for it, as they are: most of a
 * validation's cost is loading the provider's schema (about 5 s of CPU), which one
 * run does once instead of once per stack.
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

/**
 * A stack called as a child module keeps its backend block, which only a root
 * may use; Terraform warns once per stack and ignores it (as `-backend=false`
 * does for a root).
 */
const childModuleWarning = 'Backend configuration ignored';

interface SynthesizedStack {
  resource?: Record<string, Record<string, Record<string, unknown>>>;
}

interface Diagnostic {
  summary: string;
  detail: string;
  range?: { filename: string };
}

/** The stack whose file a diagnostic points into (`../…/stacks/<stack>/cdk.tf.json`), if any. */
const stackOf = (diagnostic: Diagnostic): string | undefined => diagnostic.range?.filename.split('/').slice(-2)[0];

/**
 * A root module whose children are the synthesized stacks, unchanged. A stack's
 * file functions (`filemd5("assets/…")`) resolve against the working directory,
 * so the root links every stack's assets into an `assets` directory of its own;
 * their names carry the construct's id and hash and never collide.
 */
function rootCallingEachStack(outdir: string, root: string): void {
  mkdirSync(join(root, 'assets'), { recursive: true });
  const module: Record<string, { source: string }> = {};
  for (const stack of stacks) {
    const directory = join(outdir, 'stacks', stack);
    module[stack] = { source: relative(root, directory).split(sep).join('/') };
    const assets = join(directory, 'assets');
    if (!existsSync(assets)) continue;
    for (const asset of readdirSync(assets)) symlinkSync(join(assets, asset), join(root, 'assets', asset));
  }
  writeFileSync(join(root, 'main.tf.json'), JSON.stringify({ module }, null, 2));
}

describe('terraform validate (offline)', () => {
  const outdir = terraform.available ? fullSynth({ SHOP_PREFIX: longestPrefix }) : '';
  // Terraform's working files and the root, removed afterwards.
  const workDirectory = mkdtempSync(join(tmpdir(), 'tf-validate-'));
  afterAll(() => rmSync(workDirectory, { recursive: true, force: true }));

  let validation: { init: { status: number | null; output: string }; valid: boolean; diagnostics: Diagnostic[] } | undefined;
  beforeAll(() => {
    if (!terraform.available) return;
    const root = join(workDirectory, 'root');
    rootCallingEachStack(outdir, root);
    const env = { ...process.env, TF_CLI_CONFIG_FILE: cliConfig, TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1' };
    const run = (args: string[]) => spawnSync('terraform', args, { cwd: root, env, encoding: 'utf8' });
    const init = run(['init', '-backend=false', '-input=false', '-no-color']);
    const initOutcome = { status: init.status, output: init.stdout + init.stderr };
    if (init.status !== 0) {
      validation = { init: initOutcome, valid: false, diagnostics: [] };
      return;
    }
    const validate = run(['validate', '-json', '-no-color']);
    const result = JSON.parse(validate.stdout) as { valid: boolean; diagnostics: Diagnostic[] };
    validation = { init: initOutcome, ...result };
  }, 120_000);

  /** The diagnostics Terraform placed in a stack's file, as `summary: detail`. */
  const diagnosticsOf = (stack: string): string[] =>
    (validation?.diagnostics ?? [])
      .filter((diagnostic) => stackOf(diagnostic) === stack)
      .map((diagnostic) => `${diagnostic.summary}: ${diagnostic.detail}`);

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

  maybe('installs hashicorp/aws 5.100.0 from the mirror, and Terraform finds nothing outside the stacks\' files', () => {
    expect({ status: validation?.init.status, output: validation?.init.status === 0 ? '' : validation?.init.output }).toEqual({ status: 0, output: '' });
    expect(validation?.init.output).toContain('hashicorp/aws v5.100.0');
    const elsewhere = (validation?.diagnostics ?? []).filter((diagnostic) => !stacks.includes(stackOf(diagnostic) ?? ''));
    expect(elsewhere).toEqual([]);
  });

  maybe.each(stacks)('%s stack is valid with hashicorp/aws 5.100.0, with the longest prefix the settings accept', (stack) => {
    const found = diagnosticsOf(stack);
    // Read as a child module: its backend block is the one warning that says so.
    expect(found.filter((diagnostic) => diagnostic.startsWith(`${childModuleWarning}:`))).toHaveLength(1);
    expect(found.filter((diagnostic) => !diagnostic.startsWith(`${childModuleWarning}:`))).toEqual(expectedDiagnostics[stack] ?? []);
    expect(validation?.valid).toBe(true);
  });
});
