import { mkdtempSync, readFileSync, statSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { bundleIsFresh, bundleLambda, ensureBundle, freshBundle, repositoryRoot } from '../../bundling/bundle-lambda';
import { allFunctions, functions } from '../../platform/functions';

describe('bundleLambda', () => {
  const outputRoot = mkdtempSync(join(tmpdir(), 'bundles-'));
  const fn = functions.getShopSales;

  it('writes the same zip bytes every time', () => {
    const first = bundleLambda(fn, outputRoot);
    const bytes = readFileSync(first.zipFile);
    const second = bundleLambda(fn, outputRoot);
    expect(readFileSync(second.zipFile).equals(bytes)).toBe(true);
    expect(second.zipSha256).toBe(first.zipSha256);
    expect(Object.keys(unzipSync(bytes)).sort()).toEqual(['index.js', 'index.js.map']);
  });

  it('leaves the AWS SDK to the Lambda runtime', () => {
    const script = readFileSync(join(outputRoot, fn.name, 'index.js'), 'utf8');
    expect(script).toContain('require("@aws-sdk/client-dynamodb")');
    expect(script).not.toContain('function DynamoDBClient');
  });

  it.each(allFunctions.map((definition) => [definition.name, definition] as const))(
    '%s loads the Cognito client exactly when its permissions reach the user pool',
    (_name, definition) => {
      const script = readFileSync(join(freshBundle(definition).directory, 'index.js'), 'utf8');
      expect(script.includes('require("@aws-sdk/client-cognito-identity-provider")')).toBe('userPool' in definition.permissions);
    },
  );

  it('is fresh until one of its sources is newer, and ensureBundle rebuilds it then', () => {
    bundleLambda(fn, outputRoot);
    expect(bundleIsFresh(fn, outputRoot)).toBe(true);
    // A bundle dated just before its newest source is as if that source changed
    // since; dated from the sources, not the clock, so a checkout of any age will do.
    const script = join(outputRoot, fn.name, 'index.js');
    const inputs = JSON.parse(readFileSync(join(outputRoot, fn.name, 'inputs.json'), 'utf8')) as string[];
    const newestSource = Math.max(...inputs.map((input) => statSync(join(repositoryRoot, input)).mtimeMs));
    const stale = new Date(newestSource - 1000);
    utimesSync(script, stale, stale);
    expect(bundleIsFresh(fn, outputRoot)).toBe(false);
    expect(ensureBundle(fn, outputRoot)).toBe(join(outputRoot, fn.name));
    expect(statSync(script).mtimeMs).toBeGreaterThan(stale.getTime());
    expect(bundleIsFresh(fn, outputRoot)).toBe(true);
  });

  it("carries its operation's validators compiled ahead of time: no YAML parser, no Ajv compiler, no definition", () => {
    const placeOrder = bundleLambda(functions.placeOrder, outputRoot);
    const inputs = JSON.parse(readFileSync(join(placeOrder.directory, 'inputs.json'), 'utf8')) as string[];
    expect(inputs).toContain('lambdas/shared/request-rules.generated.ts');
    expect(inputs.filter((input) => /node_modules\/(yaml|fast-uri|json-schema-traverse)\/|node_modules\/ajv\/(?!dist\/runtime\/)|\.yaml$/.test(input))).toEqual([]);
    // Only its own operation's rules: the order body's schemas, not GET /order/{id}'s.
    const script = readFileSync(join(placeOrder.directory, 'index.js'), 'utf8');
    expect(script).toContain('schemas/CustomerName/pattern');
    expect(script).not.toContain('schemas/OrderId/pattern');
  });

  it('freshBundle reuses a fresh bundle as it is, with the hash a rebuild gives, and rebuilds a stale one', () => {
    const built = bundleLambda(fn, outputRoot);
    const zipWrittenAt = statSync(built.zipFile).mtimeMs;
    expect(freshBundle(fn, outputRoot)).toEqual(built);
    expect(statSync(built.zipFile).mtimeMs).toBe(zipWrittenAt);
    const script = join(outputRoot, fn.name, 'index.js');
    const stale = new Date(statSync(join(repositoryRoot, 'bundling', 'bundle-lambda.ts')).mtimeMs - 1000);
    utimesSync(script, stale, stale);
    expect(freshBundle(fn, outputRoot)).toEqual(built);
    expect(statSync(script).mtimeMs).toBeGreaterThan(stale.getTime());
  });

  it('is never fresh before it was built', () => {
    expect(bundleIsFresh(fn, mkdtempSync(join(tmpdir(), 'empty-')))).toBe(false);
  });
});
