import { verifySigV4, type ReceivedRequest, type VerifyOptions } from '../../../offline/sigv4';
import { startCaptureServer } from './support/capture-server';
import { isolatedEnvironment, run } from './support/processes';
import { minutesAfter, withHeaders } from './support/signing';
import { requireTool } from '../../support/require-tool';
import { missingAwsCli } from '../../support/aws-cli';

/**
 * Requests signed by the AWS CLI (botocore), captured off the wire by a local
 * server and verified. botocore is an independent SigV4 implementation, so
 * these tests catch canonicalisation that only agrees with smithy.
 */

const describeWithCli = requireTool('the AWS CLI', missingAwsCli()).describe;

const credentials = {
  accessKeyId: 'ASIACLITESTKEY000001',
  secretAccessKey: 'cli/test+secret',
  sessionToken: 'cli-session-token/with+odd=chars',
};
const region = 'eu-central-1';

const cliEnvironment = isolatedEnvironment({
  AWS_ACCESS_KEY_ID: credentials.accessKeyId,
  AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
  AWS_SESSION_TOKEN: credentials.sessionToken,
  AWS_DEFAULT_REGION: region,
  AWS_CONFIG_FILE: '/dev/null',
  AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_RETRY_MODE: 'standard',
  AWS_MAX_ATTEMPTS: '1',
});

const lookup: VerifyOptions['lookup'] = (accessKeyId) =>
  accessKeyId === credentials.accessKeyId
    ? { secretAccessKey: credentials.secretAccessKey, sessionToken: credentials.sessionToken }
    : undefined;

async function captureCli(args: string[], responseBody: string): Promise<{ request: ReceivedRequest; signedAt: Date }> {
  const server = await startCaptureServer({ contentType: 'application/json', body: responseBody });
  try {
    await run('aws', [...args, '--endpoint-url', server.endpoint], cliEnvironment);
    expect(server.requests).toHaveLength(1);
    return { request: server.requests[0], signedAt: new Date() };
  } finally {
    await server.close();
  }
}

describeWithCli('requests signed by the AWS CLI', () => {
  let listUserPools: { request: ReceivedRequest; signedAt: Date };
  let getResources: { request: ReceivedRequest; signedAt: Date };
  let dbAuthToken: { url: URL; signedAt: Date };

  beforeAll(async () => {
    const tokenCommand = run(
      'aws',
      ['rds', 'generate-db-auth-token', '--hostname', 'db.example.internal', '--port', '5432', '--username', 'shop user', '--region', region],
      cliEnvironment,
    ).then((stdout) => ({ url: new URL(`https://${stdout.trim()}`), signedAt: new Date() }));
    [listUserPools, getResources, dbAuthToken] = await Promise.all([
      captureCli(['cognito-idp', 'list-user-pools', '--max-results', '1'], '{"UserPools":[]}'),
      // A path segment and a query value that need percent-encoding: botocore
      // encodes the path twice and the query once, sorted.
      captureCli(['apigateway', 'get-resources', '--rest-api-id', 'api id', '--limit', '5', '--position', 'p/q+r s'], '{"items":[]}'),
      tokenCommand,
    ]);
  });

  const cognitoOptions = (now: Date): VerifyOptions => ({ lookup, region, services: ['cognito-idp'], now: () => now });

  it('verifies a cognito-idp call (POST, JSON body, X-Amz-Target, session token)', async () => {
    const { request, signedAt } = listUserPools;
    expect(request.headers['x-amz-target']).toEqual(['AWSCognitoIdentityProviderService.ListUserPools']);
    await expect(verifySigV4(request, cognitoOptions(signedAt))).resolves.toMatchObject({
      ok: true,
      form: 'header',
      service: 'cognito-idp',
      accessKeyId: credentials.accessKeyId,
      signedHeaders: expect.arrayContaining(['host', 'x-amz-date', 'x-amz-security-token', 'x-amz-target']),
    });
  });

  it('refuses mutated copies of the cognito-idp call', async () => {
    const { request, signedAt } = listUserPools;
    const options = cognitoOptions(signedAt);
    const mutations: [ReceivedRequest, string][] = [
      [{ ...request, body: Buffer.from('{"MaxResults": 60}') }, 'SignatureMismatch'],
      [withHeaders(request, { 'x-amz-target': 'AWSCognitoIdentityProviderService.AdminDeleteUser' }), 'SignatureMismatch'],
      [withHeaders(request, { 'x-amz-security-token': 'another-token' }), 'InvalidSessionToken'],
      [withHeaders(request, { host: 'cognito-idp.eu-central-1.amazonaws.com' }), 'SignatureMismatch'],
      [{ ...request, rawPath: '/admin' }, 'SignatureMismatch'],
    ];
    for (const [mutated, reason] of mutations) {
      await expect(verifySigV4(mutated, options)).resolves.toMatchObject({ ok: false, reason });
    }
    await expect(verifySigV4(request, { ...options, services: ['execute-api'] })).resolves.toMatchObject({
      reason: 'ScopeServiceMismatch',
    });
    await expect(verifySigV4(request, cognitoOptions(minutesAfter(signedAt, 6)))).resolves.toMatchObject({
      reason: 'SignatureExpired',
    });
  });

  it('verifies a GET whose path and query needed percent-encoding', async () => {
    const { request, signedAt } = getResources;
    expect(request.rawPath).toBe('/restapis/api%20id/resources');
    const options: VerifyOptions = { lookup, region, services: ['apigateway'], now: () => signedAt };
    await expect(verifySigV4(request, options)).resolves.toMatchObject({ ok: true, service: 'apigateway' });
    await expect(verifySigV4({ ...request, rawPath: '/restapis/api%20ie/resources' }, options)).resolves.toMatchObject({
      reason: 'SignatureMismatch',
    });
    const tamperedQuery = request.rawQuery.replace(/limit=5/, 'limit=500');
    expect(tamperedQuery).not.toBe(request.rawQuery);
    await expect(verifySigV4({ ...request, rawQuery: tamperedQuery }, options)).resolves.toMatchObject({
      reason: 'SignatureMismatch',
    });
  });

  it('verifies a presigned URL (rds generate-db-auth-token) and refuses it altered or expired', async () => {
    const { url, signedAt } = dbAuthToken;
    const request: ReceivedRequest = {
      method: 'GET',
      rawPath: url.pathname,
      rawQuery: url.search.slice(1),
      headers: { host: url.host },
      body: new Uint8Array(),
    };
    const options: VerifyOptions = { lookup, region, services: ['rds-db'], now: () => signedAt };
    await expect(verifySigV4(request, options)).resolves.toMatchObject({ ok: true, form: 'query', signedHeaders: ['host'] });
    const otherUser = { ...request, rawQuery: request.rawQuery.replace('DBUser=shop%20user', 'DBUser=admin') };
    expect(otherUser.rawQuery).not.toBe(request.rawQuery);
    await expect(verifySigV4(otherUser, options)).resolves.toMatchObject({ reason: 'SignatureMismatch' });
    await expect(verifySigV4(request, { ...options, now: () => minutesAfter(signedAt, 16) })).resolves.toMatchObject({
      reason: 'PresignedUrlExpired',
    });
  });
});
