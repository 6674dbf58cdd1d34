import { verifySigV4, type ReceivedRequest, type VerifyOptions } from '../../../offline/sigv4';
import { startCaptureServer } from './support/capture-server';
import { run } from './support/processes';
import { withHeaders } from './support/signing';
import { missingCommand, requireTool } from '../../support/require-tool';

/** Requests signed by curl's own SigV4 implementation (`--aws-sigv4`), captured off the wire. */

const describeWithCurl = requireTool('curl', missingCommand('curl')).describe;

const key = { accessKeyId: 'ASIACURLTESTKEY00001', secretAccessKey: 'curl-test-secret', sessionToken: 'curl-session-token' };
const region = 'eu-central-1';
const lookup: VerifyOptions['lookup'] = (accessKeyId) =>
  accessKeyId === key.accessKeyId ? { secretAccessKey: key.secretAccessKey, sessionToken: key.sessionToken } : undefined;

async function captureCurl(pathAndQuery: string, extraArgs: string[]): Promise<ReceivedRequest> {
  const server = await startCaptureServer({ contentType: 'application/json', body: '{}' });
  try {
    await run('curl', [
      '-s',
      '--fail',
      '--noproxy',
      '*',
      '--aws-sigv4',
      `aws:amz:${region}:execute-api`,
      '--user',
      `${key.accessKeyId}:${key.secretAccessKey}`,
      '-H',
      `x-amz-security-token: ${key.sessionToken}`,
      ...extraArgs,
      `${server.endpoint}${pathAndQuery}`,
    ]);
    expect(server.requests).toHaveLength(1);
    return server.requests[0];
  } finally {
    await server.close();
  }
}

describeWithCurl('requests signed by curl --aws-sigv4', () => {
  const options: VerifyOptions = { lookup, region, services: ['execute-api'] };
  const orderBody = '{"shopId":"0001","items":[{"productId":"p-1","quantity":2}]}';
  let listProducts: ReceivedRequest;
  let placeOrder: ReceivedRequest;

  beforeAll(async () => {
    [listProducts, placeOrder] = await Promise.all([
      captureCurl('/prod/products?shopId=0001&shopToken=X', []),
      captureCurl('/prod/order', ['-H', 'content-type: application/json', '--data-binary', orderBody]),
    ]);
  });

  it('verifies a GET with a query string and a session token', async () => {
    expect(listProducts.rawQuery).toBe('shopId=0001&shopToken=X');
    await expect(verifySigV4(listProducts, options)).resolves.toMatchObject({
      ok: true,
      form: 'header',
      accessKeyId: key.accessKeyId,
      signedHeaders: ['host', 'x-amz-date', 'x-amz-security-token'],
    });
  });

  it('refuses the GET with a tampered query, path or token', async () => {
    const mutations: [ReceivedRequest, string][] = [
      [{ ...listProducts, rawQuery: 'shopId=0002&shopToken=X' }, 'SignatureMismatch'],
      [{ ...listProducts, rawQuery: 'shopId=0001&shopToken=X&shopId=0002' }, 'SignatureMismatch'],
      [{ ...listProducts, rawPath: '/prod/orders' }, 'SignatureMismatch'],
      [withHeaders(listProducts, { 'x-amz-security-token': 'curl-session-tokem' }), 'InvalidSessionToken'],
      [withHeaders(listProducts, { 'x-amz-security-token': undefined }), 'SignedHeaderMissing'],
    ];
    for (const [mutated, reason] of mutations) {
      await expect(verifySigV4(mutated, options)).resolves.toMatchObject({ ok: false, reason });
    }
  });

  it('verifies a POST with a JSON body and refuses it with another body', async () => {
    expect(Buffer.from(placeOrder.body).toString()).toBe(orderBody);
    await expect(verifySigV4(placeOrder, options)).resolves.toMatchObject({
      ok: true,
      signedHeaders: expect.arrayContaining(['content-type', 'host', 'x-amz-date']),
    });
    const changed = Buffer.from(orderBody.replace('"quantity":2', '"quantity":3'));
    await expect(verifySigV4({ ...placeOrder, body: changed }, options)).resolves.toMatchObject({ reason: 'SignatureMismatch' });
    await expect(verifySigV4(withHeaders(placeOrder, { 'content-type': 'text/plain' }), options)).resolves.toMatchObject({
      reason: 'SignatureMismatch',
    });
  });
});
