import { verifySigV4, type ReceivedRequest, type VerifyOptions } from '../../../offline/sigv4';
import {
  apiHost,
  encodeRfc3986,
  minutesAfter,
  permanentKey,
  presignedRequest,
  queryParameter,
  region,
  signingTime,
  standardLookup,
  temporaryKeyA,
  temporaryKeyB,
  withHeaders,
  withQueryParameter,
} from './support/signing';

const options: VerifyOptions = {
  lookup: standardLookup,
  region,
  services: ['execute-api'],
  now: () => signingTime,
};

const verify = (request: ReceivedRequest, overrides: Partial<VerifyOptions> = {}) =>
  verifySigV4(request, { ...options, ...overrides });

const secondsAfter = (date: Date, seconds: number) => new Date(date.getTime() + seconds * 1000);

describe('query form (presigned URLs): accepted requests', () => {
  it('accepts a presigned GET carrying its session token in the query', async () => {
    const request = await presignedRequest({ query: { shopId: '0001' } });
    expect(request.headers.authorization).toBeUndefined();
    expect(queryParameter(request, 'X-Amz-Security-Token')).toBe(temporaryKeyA.sessionToken);
    await expect(verify(request)).resolves.toEqual({
      ok: true,
      accessKeyId: temporaryKeyA.accessKeyId,
      service: 'execute-api',
      region,
      signedHeaders: ['host'],
      form: 'query',
      payloadSigned: true,
    });
  });

  it('stays valid for X-Amz-Expires, beyond the 5-minute skew window, and not a second longer', async () => {
    const request = await presignedRequest({ expiresIn: 1800, credentials: permanentKey });
    await expect(verify(request, { now: () => secondsAfter(signingTime, 1800) })).resolves.toMatchObject({ ok: true });
    await expect(verify(request, { now: () => secondsAfter(signingTime, 1801) })).resolves.toEqual({
      ok: false,
      reason: 'PresignedUrlExpired',
      message: 'Request has expired',
    });
  });

  it('accepts headers the presigner moved into the query and headers it kept as headers', async () => {
    const hoisted = await presignedRequest({ headers: { 'x-amz-target': 'Service.Op' } });
    expect(queryParameter(hoisted, 'x-amz-target')).toBe('Service.Op');
    await expect(verify(hoisted)).resolves.toMatchObject({ ok: true, signedHeaders: ['host'] });

    const kept = await presignedRequest({ headers: { 'x-amz-target': 'Service.Op' }, unhoistableHeaders: new Set(['x-amz-target']) });
    await expect(verify(kept)).resolves.toMatchObject({ ok: true, signedHeaders: ['host', 'x-amz-target'] });
    await expect(verify(withHeaders(kept, { 'x-amz-target': undefined }))).resolves.toMatchObject({
      reason: 'SignedHeaderMissing',
    });
  });

  it('accepts a presigned POST whose body hash was signed, and refuses another body', async () => {
    const request = await presignedRequest({ method: 'POST', path: '/prod/order', body: '{"a":1}' });
    await expect(verify(request)).resolves.toMatchObject({ ok: true, payloadSigned: true });
    await expect(verify({ ...request, body: Buffer.from('{"a":2}') })).resolves.toMatchObject({
      reason: 'SignatureMismatch',
    });
  });

  it('accepts UNSIGNED-PAYLOAD, declared in the query, and says the body is not covered', async () => {
    const request = await presignedRequest({ method: 'PUT', headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' } });
    expect(queryParameter(request, 'x-amz-content-sha256')).toBe('UNSIGNED-PAYLOAD');
    await expect(verify({ ...request, body: Buffer.from('anything') })).resolves.toMatchObject({ ok: true, payloadSigned: false });
  });

  it('accepts UNSIGNED-PAYLOAD signed without any declaration, and says the body is not covered', async () => {
    const request = await presignedRequest({ method: 'PUT', unsignedPayload: true });
    expect(request.rawQuery.toLowerCase()).not.toContain('x-amz-content-sha256');
    await expect(verify({ ...request, body: Buffer.from('anything') })).resolves.toMatchObject({ ok: true, payloadSigned: false });
  });
});

describe('query form (presigned URLs): refused requests', () => {
  it('refuses a presigned URL dated more than 5 minutes ahead', async () => {
    const request = await presignedRequest({ date: minutesAfter(signingTime, 6) });
    await expect(verify(request)).resolves.toEqual({
      ok: false,
      reason: 'SignatureNotYetCurrent',
      message: 'Signature not yet current: 20240501T120600Z is still later than 20240501T120500Z (20240501T120000Z + 5 min.)',
    });
  });

  it('refuses a lifetime stretched after signing', async () => {
    const request = await presignedRequest({ expiresIn: 60 });
    await expect(verify(withQueryParameter(request, 'X-Amz-Expires', '3600'))).resolves.toMatchObject({
      reason: 'SignatureMismatch',
    });
  });

  it('refuses X-Amz-Expires above a week or not a positive whole number', async () => {
    const request = await presignedRequest();
    await expect(verify(withQueryParameter(request, 'X-Amz-Expires', '604801'))).resolves.toEqual({
      ok: false,
      reason: 'ExpiresTooLong',
      message: 'X-Amz-Expires must be less than a week (in seconds) that is 604800',
    });
    for (const expires of ['abc', '0', '-5', '', '1e3', '0300']) {
      await expect(verify(withQueryParameter(request, 'X-Amz-Expires', expires))).resolves.toMatchObject({
        reason: 'MalformedExpires',
      });
    }
  });

  it('refuses a presigned URL missing any of its parameters', async () => {
    const request = await presignedRequest();
    for (const name of ['X-Amz-Credential', 'X-Amz-Signature', 'X-Amz-Date', 'X-Amz-SignedHeaders', 'X-Amz-Expires']) {
      await expect(verify(withQueryParameter(request, name, undefined))).resolves.toEqual({
        ok: false,
        reason: 'MalformedQuery',
        message:
          'Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.',
      });
    }
  });

  it('refuses repeated authentication parameters', async () => {
    const request = await presignedRequest();
    for (const name of ['X-Amz-Signature', 'X-Amz-Date', 'X-Amz-Security-Token']) {
      const value = queryParameter(request, name) ?? '';
      const repeated = { ...request, rawQuery: `${request.rawQuery}&${name}=${encodeRfc3986(value)}` };
      await expect(verify(repeated)).resolves.toMatchObject({ reason: 'MalformedQuery' });
    }
  });

  it('refuses another algorithm', async () => {
    const request = await presignedRequest();
    await expect(verify(withQueryParameter(request, 'X-Amz-Algorithm', 'AWS4-HMAC-SHA1'))).resolves.toEqual({
      ok: false,
      reason: 'UnsupportedAlgorithm',
      message: 'X-Amz-Algorithm only supports "AWS4-HMAC-SHA256"',
    });
  });

  it('refuses a malformed X-Amz-Date and a scope of another date, region or service', async () => {
    const request = await presignedRequest();
    await expect(verify(withQueryParameter(request, 'X-Amz-Date', '20240501'))).resolves.toMatchObject({ reason: 'MalformedDate' });
    const credential = queryParameter(request, 'X-Amz-Credential') ?? '';
    const forgeries: [string, string][] = [
      [credential.replace('/20240501/', '/20240502/'), 'ScopeDateMismatch'],
      [credential.replace('/eu-central-1/', '/eu-west-1/'), 'ScopeRegionMismatch'],
      [credential.replace('/execute-api/', '/s3/'), 'ScopeServiceMismatch'],
      [credential.replace('/aws4_request', '/aws4_reques'), 'ScopeTerminatorInvalid'],
      [credential.replace(/\/aws4_request$/, ''), 'MalformedCredential'],
    ];
    for (const [forged, reason] of forgeries) {
      await expect(verify(withQueryParameter(request, 'X-Amz-Credential', forged))).resolves.toMatchObject({ reason });
    }
  });

  it('refuses a presigned URL that does not sign Host', async () => {
    const request = await presignedRequest({ headers: { 'x-custom': 'a' }, unhoistableHeaders: new Set() });
    expect(queryParameter(request, 'X-Amz-SignedHeaders')).toBe('host;x-custom');
    await expect(verify(withQueryParameter(request, 'X-Amz-SignedHeaders', 'x-custom'))).resolves.toMatchObject({
      reason: 'HostNotSigned',
    });
  });

  it('refuses a tampered query parameter', async () => {
    const request = await presignedRequest({ query: { shopId: '0001' } });
    await expect(verify(withQueryParameter(request, 'shopId', '0002'))).resolves.toMatchObject({ reason: 'SignatureMismatch' });
    await expect(verify(withQueryParameter(request, 'extra', '1'))).resolves.toMatchObject({ reason: 'SignatureMismatch' });
  });

  it('refuses a missing, altered or foreign session token', async () => {
    const request = await presignedRequest();
    await expect(verify(withQueryParameter(request, 'X-Amz-Security-Token', undefined))).resolves.toMatchObject({
      reason: 'MissingSessionToken',
    });
    await expect(verify(withQueryParameter(request, 'X-Amz-Security-Token', 'session-token-a//+'))).resolves.toMatchObject({
      reason: 'InvalidSessionToken',
    });
    const foreign = await presignedRequest({ credentials: { ...temporaryKeyA, sessionToken: temporaryKeyB.sessionToken } });
    await expect(verify(foreign)).resolves.toMatchObject({ reason: 'InvalidSessionToken' });
    const conflicting = withHeaders(request, { 'x-amz-security-token': temporaryKeyB.sessionToken });
    await expect(verify(conflicting)).resolves.toMatchObject({ reason: 'InvalidSessionToken' });
  });

  it('refuses a presigned URL sent with an Authorization header as well', async () => {
    const request = await presignedRequest();
    const withHeader = withHeaders(request, { authorization: 'AWS4-HMAC-SHA256 Credential=x' });
    await expect(verify(withHeader)).resolves.toMatchObject({ reason: 'ConflictingAuthentication' });
  });

  it('refuses a presigned URL for another host', async () => {
    const request = await presignedRequest();
    expect(request.headers.host).toBe(apiHost);
    await expect(verify(withHeaders(request, { host: 'other.example' }))).resolves.toMatchObject({ reason: 'SignatureMismatch' });
  });
});
