import { CognitoIdentityProviderClient, ListUserPoolsCommand } from '@aws-sdk/client-cognito-identity-provider';
import { verifySigV4, type VerifyOptions } from '../../../offline/sigv4';
import { startCaptureServer, type CaptureServer } from './support/capture-server';
import { withHeaders } from './support/signing';

/** A request made by a real AWS SDK for JavaScript v3 client, captured off the wire. */

const key = { accessKeyId: 'ASIASDKTESTKEY000001', secretAccessKey: 'sdk-test-secret', sessionToken: 'sdk-session-token' };
const region = 'eu-central-1';
const lookup: VerifyOptions['lookup'] = (accessKeyId) =>
  accessKeyId === key.accessKeyId ? { secretAccessKey: key.secretAccessKey, sessionToken: key.sessionToken } : undefined;

describe('requests signed by the AWS SDK for JavaScript v3', () => {
  let server: CaptureServer;

  beforeAll(async () => {
    server = await startCaptureServer({ contentType: 'application/x-amz-json-1.1', body: '{"UserPools":[]}' });
    const client = new CognitoIdentityProviderClient({ region, endpoint: server.endpoint, credentials: key, maxAttempts: 1 });
    await client.send(new ListUserPoolsCommand({ MaxResults: 1 }));
    client.destroy();
  });

  afterAll(() => server.close());

  it('verifies a cognito-idp call and refuses mutated copies', async () => {
    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    const options: VerifyOptions = { lookup, region, services: ['cognito-idp'] };
    await expect(verifySigV4(request, options)).resolves.toMatchObject({
      ok: true,
      form: 'header',
      service: 'cognito-idp',
      signedHeaders: expect.arrayContaining(['host', 'x-amz-date', 'x-amz-security-token', 'x-amz-target']),
    });
    // The SDK declares the body's hash in x-amz-content-sha256 (and signs it).
    expect(request.headers['x-amz-content-sha256']).toBeDefined();
    await expect(verifySigV4({ ...request, body: Buffer.from('{"MaxResults":60}') }, options)).resolves.toMatchObject({
      reason: 'PayloadHashMismatch',
    });
    await expect(
      verifySigV4(withHeaders(request, { 'x-amz-target': 'AWSCognitoIdentityProviderService.AdminGetUser' }), options),
    ).resolves.toMatchObject({ reason: 'SignatureMismatch' });
  });
});
