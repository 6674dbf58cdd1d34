import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { bundleLambda, repositoryRoot } from '../../../bundling/bundle-lambda';
import { functions } from '../../../platform/functions';
import { guest, jsonPost, apiGatewayEvent } from '../../support/api-gateway-event';
import { giveShopToken, lambdaContext, startPlatform, type TestPlatform } from '../harness';

/**
 * The deployed artefacts, not the sources: esbuild bundles (YAML inlined as
 * text, @aws-sdk left to the runtime) loaded with plain require and run with
 * only the environment the function definitions give them.
 */
type BundledHandler = { handler: (event: APIGatewayProxyEvent, context: unknown) => Promise<APIGatewayProxyResult> };

let platform: TestPlatform;
// Inside the repository (dist/ is ignored) so the bundles find @aws-sdk in node_modules, as Lambda's runtime provides it.
const testBundles = join(repositoryRoot, 'dist', 'test-bundles');
mkdirSync(testBundles, { recursive: true });
const outputRoot = mkdtempSync(join(testBundles, 'run-'));

beforeAll(async () => {
  platform = await startPlatform();
  await giveShopToken(platform, '0001', 'K7QX4M2PZ9');
});
afterAll(async () => {
  await platform.stop();
  rmSync(outputRoot, { recursive: true, force: true });
});

function load(fn: (typeof functions)[keyof typeof functions]): BundledHandler {
  const bundle = bundleLambda(fn, outputRoot);
  // The bundle is a CommonJS file written at run time: loaded as Lambda loads it.
  return require(join(bundle.directory, 'index.js')) as BundledHandler;
}

describe('bundled handlers', () => {
  it('list-products answers from its bundle', async () => {
    const { handler } = load(functions.listProducts);
    const result = await handler(
      apiGatewayEvent({ method: 'GET', resource: '/products', query: { shopId: '0001', shopToken: 'K7QX4M2PZ9' }, identity: guest() }),
      lambdaContext('list-products'),
    );
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body).productsList).toHaveLength(2);
  });

  it('place-order validates against the bundled OpenAPI definition and places an order idempotently', async () => {
    const { handler } = load(functions.placeOrder);
    const body = { shopId: '0001', phoneNumber: '+41791234567', name: 'Ada', items: [{ productId: '0011', quantity: 2 }] };
    const event = () => jsonPost('/order', body, guest('2d3c4b5a-6978-4a1b-8c2d-3e4f5a6b7c8d'), { query: { shopToken: 'K7QX4M2PZ9' }, headers: { 'Idempotency-Key': 'bundle-key-01' } });
    const first = await handler(event(), lambdaContext('place-order'));
    const retry = await handler(event(), lambdaContext('place-order'));
    expect(first.statusCode).toBe(201);
    expect(retry.body).toBe(first.body);
    const invalid = await handler(jsonPost('/order', { ...body, amount: 1 }, guest(), { query: { shopToken: 'K7QX4M2PZ9' } }), lambdaContext('place-order'));
    expect(JSON.parse(invalid.body)).toEqual({ message: "Invalid request body: must NOT have additional property 'amount'" });
  });

  it.each([
    ['false', []],
    ['true', ['AWSXRay']],
  ])('loads the X-Ray SDK (and its async hook) only where tracing may be on: POWERTOOLS_TRACE_ENABLED=%s', (enabled, namespaces) => {
    const bundle = bundleLambda(functions.listProducts, outputRoot);
    // A fresh process, as a sandbox starts: what loading the bundle leaves behind is all its own.
    const child = spawnSync(
      process.execPath,
      ['-e', `require(${JSON.stringify(join(bundle.directory, 'index.js'))}); console.log(JSON.stringify(Object.keys(process.namespaces ?? {})))`],
      { encoding: 'utf8', env: { PATH: process.env.PATH, AWS_REGION: 'eu-central-1', POWERTOOLS_TRACE_ENABLED: enabled } },
    );
    expect(child.stderr).toBe('');
    expect(JSON.parse(child.stdout)).toEqual(namespaces);
  });
});
