import { AssumeRoleWithWebIdentityCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { handleStsQuery, isQueryProtocolRequest } from '../../../offline/sts';
import { clientConfig, clients, signIn, testUsersPassword } from '../control-plane/support/clients';
import { startTestControlPlane, type TestControlPlane } from '../control-plane/support/server';

const form = (body: string) => ({
  method: 'POST',
  url: '/',
  headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
  body: Buffer.from(body),
});

describe('STS Query endpoint', () => {
  let harness: TestControlPlane;
  let sts: STSClient;
  beforeAll(async () => {
    harness = await startTestControlPlane();
    sts = new STSClient(clientConfig(harness.endpoint));
  });
  afterAll(() => harness.close());

  it('refuses AssumeRoleWithWebIdentity with InvalidIdentityToken, even for a genuine ID token (real SDK)', async () => {
    const sdk = clients(harness.endpoint);
    const tokens = await signIn(harness, sdk.idp, 'adminuser@example.com', await testUsersPassword(harness, sdk.secrets));
    const call = sts.send(
      new AssumeRoleWithWebIdentityCommand({
        RoleArn: 'arn:aws:iam::000000000000:role/shop-platform-IdentityPool-AdminRole',
        RoleSessionName: 'attempt',
        WebIdentityToken: tokens.idToken,
      }),
    );
    await expect(call).rejects.toMatchObject({
      name: 'InvalidIdentityTokenException',
      message: expect.stringMatching(/trusts no OpenID Connect provider/),
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('names actions it does not support (real SDK)', async () => {
    await expect(sts.send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({
      name: 'InvalidAction',
      message: 'STS action GetCallerIdentity is not supported by the offline runtime (only AssumeRoleWithWebIdentity is)',
    });
  });

  it('answers in STS XML error shape', () => {
    const response = handleStsQuery(form('Action=AssumeRoleWithWebIdentity&Version=2011-06-15&RoleArn=a&RoleSessionName=b&WebIdentityToken=<x>'));
    expect(response.statusCode).toBe(400);
    expect(response.headers['Content-Type']).toBe('text/xml');
    expect(response.body).toMatch(
      /^<ErrorResponse xmlns="https:\/\/sts\.amazonaws\.com\/doc\/2011-06-15\/"><Error><Type>Sender<\/Type><Code>InvalidIdentityToken<\/Code><Message>[^<]+<\/Message><\/Error><RequestId>[0-9a-f-]{36}<\/RequestId><\/ErrorResponse>$/,
    );
  });

  it('validates parameters and escapes what it echoes', () => {
    expect(handleStsQuery(form('Action=AssumeRoleWithWebIdentity&Version=2011-06-15&RoleArn=a')).body).toContain(
      "<Code>ValidationError</Code><Message>1 validation error detected: Value null at 'roleSessionName' failed to satisfy constraint: Member must not be null</Message>",
    );
    expect(handleStsQuery(form('Action=%3Cscript%3E&Version=2011-06-15')).body).toContain('STS action &lt;script&gt; is not supported');
    expect(handleStsQuery(form('Action=AssumeRoleWithWebIdentity&Version=2099-01-01')).body).toContain('Could not find operation AssumeRoleWithWebIdentity for version 2099-01-01');
  });

  it('recognises Query protocol requests only', () => {
    expect(isQueryProtocolRequest(form('Action=GetCallerIdentity&Version=2011-06-15'))).toBe(true);
    expect(isQueryProtocolRequest(form('Version=2011-06-15'))).toBe(false);
    expect(isQueryProtocolRequest({ ...form('Action=X'), method: 'GET' })).toBe(false);
    expect(isQueryProtocolRequest({ ...form('Action=X'), headers: { 'content-type': 'application/x-amz-json-1.1' } })).toBe(false);
  });
});
