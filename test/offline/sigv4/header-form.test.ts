import { createHash } from 'node:crypto';
import { hasSigV4Material, verifySigV4, type ReceivedRequest, type VerifyOptions } from '../../../offline/sigv4';
import {
  authorizationOf,
  lookupOf,
  minutesAfter,
  permanentKey,
  region,
  signedRequest,
  signingTime,
  standardLookup,
  temporaryKeyA,
  temporaryKeyB,
  withHeaders,
} from './support/signing';
import { escapeRegExp } from '../../support/regular-expressions';

const options: VerifyOptions = {
  lookup: standardLookup,
  region,
  services: ['execute-api'],
  now: () => signingTime,
};

const verify = (request: ReceivedRequest, overrides: Partial<VerifyOptions> = {}) =>
  verifySigV4(request, { ...options, ...overrides });

const jsonBody = JSON.stringify({ shopId: '0001', items: [{ productId: 'p-1', quantity: 2 }] });


const signatureMismatch =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

describe('header form: accepted requests', () => {
  it('accepts a GET with a query string and a session token', async () => {
    const request = await signedRequest({ query: { shopId: '0001', shopToken: 'tok en/+' } });
    expect(request.rawQuery).toBe('shopId=0001&shopToken=tok%20en%2F%2B');
    await expect(verify(request)).resolves.toEqual({
      ok: true,
      accessKeyId: temporaryKeyA.accessKeyId,
      service: 'execute-api',
      region,
      signedHeaders: ['host', 'x-amz-content-sha256', 'x-amz-date', 'x-amz-security-token'],
      form: 'header',
      payloadSigned: true,
    });
  });

  it('accepts a POST with a JSON body, with and without x-amz-content-sha256', async () => {
    for (const applyChecksum of [true, false]) {
      const request = await signedRequest({
        method: 'POST',
        path: '/prod/order',
        headers: { 'content-type': 'application/json' },
        body: jsonBody,
        applyChecksum,
      });
      expect(request.headers['x-amz-content-sha256'] !== undefined).toBe(applyChecksum);
      await expect(verify(request)).resolves.toMatchObject({ ok: true });
    }
  });

  it('accepts a permanent key without a session token', async () => {
    await expect(verify(await signedRequest({ credentials: permanentKey }))).resolves.toMatchObject({
      ok: true,
      accessKeyId: permanentKey.accessKeyId,
    });
  });

  it('accepts any of the endpoint services', async () => {
    const request = await signedRequest({ service: 'cognito-idp', method: 'POST', path: '/', body: '{}' });
    await expect(verify(request)).resolves.toMatchObject({ ok: false, reason: 'ScopeServiceMismatch' });
    await expect(verify(request, { services: ['execute-api', 'cognito-idp'] })).resolves.toMatchObject({
      ok: true,
      service: 'cognito-idp',
    });
  });

  it('accepts at 5 minutes of skew in either direction', async () => {
    const request = await signedRequest();
    await expect(verify(request, { now: () => minutesAfter(signingTime, 5) })).resolves.toMatchObject({ ok: true });
    await expect(verify(request, { now: () => minutesAfter(signingTime, -5) })).resolves.toMatchObject({ ok: true });
  });

  it('signs exactly the client-listed headers, including ones the signer never picks itself', async () => {
    const request = await signedRequest({
      headers: { 'user-agent': 'test-agent/1.0', 'x-custom': 'value' },
      signableHeaders: new Set(['user-agent']),
    });
    expect(authorizationOf(request)).toContain('SignedHeaders=host;user-agent;x-amz-content-sha256;x-amz-date;x-amz-security-token;x-custom,');
    await expect(verify(request)).resolves.toMatchObject({ ok: true });
    await expect(verify(withHeaders(request, { 'user-agent': 'other-agent/2.0' }))).resolves.toMatchObject({
      reason: 'SignatureMismatch',
    });
  });

  it('ignores headers the client did not sign', async () => {
    const request = await signedRequest();
    const withProxyHeaders = withHeaders(request, {
      'user-agent': 'added-by-proxy',
      'x-forwarded-for': '10.0.0.1',
      'x-amzn-trace-id': 'Root=1-abc',
    });
    await expect(verify(withProxyHeaders)).resolves.toMatchObject({ ok: true });
  });

  it('canonicalises signed header values: trimmed, inner whitespace collapsed, repeats joined', async () => {
    const request = await signedRequest({ headers: { 'x-custom': 'a  b\t c', 'x-list': 'one,two' } });
    await expect(verify(withHeaders(request, { 'x-custom': '  a b c  ' }))).resolves.toMatchObject({ ok: true });
    await expect(verify(withHeaders(request, { 'x-list': ['one', ' two '] }))).resolves.toMatchObject({ ok: true });
    await expect(verify(withHeaders(request, { 'x-custom': 'a bc' }))).resolves.toMatchObject({ reason: 'SignatureMismatch' });
  });

  it('encodes the path twice and normalises dot and empty segments, as the clients sign it', async () => {
    const request = await signedRequest({ path: '/prod/shop/a%20b/orders' });
    await expect(verify(request)).resolves.toMatchObject({ ok: true });
    await expect(verify({ ...request, rawPath: '/prod/shop/a+b/orders' })).resolves.toMatchObject({
      reason: 'SignatureMismatch',
    });
    const plain = await signedRequest({ path: '/prod/orders' });
    await expect(verify({ ...plain, rawPath: '/prod/x/../orders' })).resolves.toMatchObject({ ok: true });
    await expect(verify({ ...plain, rawPath: '/prod//./orders' })).resolves.toMatchObject({ ok: true });
  });

  it('sorts query parameters and their repeated values, so reordering them keeps the signature valid', async () => {
    const request = await signedRequest({ query: { b: '2', a: ['y', 'x'] } });
    expect(request.rawQuery).toBe('b=2&a=y&a=x');
    await expect(verify({ ...request, rawQuery: 'a=x&a=y&b=2' })).resolves.toMatchObject({ ok: true });
  });
});

describe('header form: refused requests', () => {
  it('refuses a request without SigV4 material as Missing Authentication Token', async () => {
    const request = withHeaders(await signedRequest(), { authorization: undefined });
    expect(hasSigV4Material(request)).toBe(false);
    await expect(verify(request)).resolves.toEqual({
      ok: false,
      reason: 'MissingAuthentication',
      message: 'Missing Authentication Token',
    });
  });

  it('refuses a body changed after signing', async () => {
    const spec = { method: 'POST', path: '/prod/order', headers: { 'content-type': 'application/json' }, body: jsonBody };
    const changed = Buffer.from(jsonBody.replace('"quantity":2', '"quantity":200'));
    const declared = await signedRequest(spec);
    await expect(verify({ ...declared, body: changed })).resolves.toMatchObject({
      reason: 'PayloadHashMismatch',
      message: "The provided 'x-amz-content-sha256' header does not match what was computed.",
    });
    const undeclared = await signedRequest({ ...spec, applyChecksum: false });
    const refused = await verify({ ...undeclared, body: changed });
    expect(refused).toMatchObject({ ok: false, reason: 'SignatureMismatch' });
    // The explanation's canonical request ends with the hash of the body received, not the one signed.
    const changedHash = createHash('sha256').update(changed).digest('hex');
    expect(!refused.ok && refused.message).toMatch(new RegExp(`^${escapeRegExp(signatureMismatch)}\n\nThe Canonical String[^]*\n${changedHash}'\n`));
  });

  it('refuses UNSIGNED-PAYLOAD and streaming payloads in the header form', async () => {
    for (const declared of ['UNSIGNED-PAYLOAD', 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD']) {
      const request = await signedRequest({ method: 'POST', body: 'x', headers: { 'x-amz-content-sha256': declared } });
      await expect(verify(request)).resolves.toMatchObject({ reason: 'UnsignedPayloadNotAllowed' });
    }
  });

  it('refuses a signature 6 minutes old with AWS wording', async () => {
    const request = await signedRequest();
    await expect(verify(request, { now: () => minutesAfter(signingTime, 6) })).resolves.toEqual({
      ok: false,
      reason: 'SignatureExpired',
      message: 'Signature expired: 20240501T120000Z is now earlier than 20240501T120100Z (20240501T120600Z - 5 min.)',
    });
  });

  it('refuses a signature dated 6 minutes ahead with AWS wording', async () => {
    const request = await signedRequest();
    await expect(verify(request, { now: () => minutesAfter(signingTime, -6) })).resolves.toEqual({
      ok: false,
      reason: 'SignatureNotYetCurrent',
      message: 'Signature not yet current: 20240501T120000Z is still later than 20240501T115900Z (20240501T115400Z + 5 min.)',
    });
  });

  it('honours a custom skew window', async () => {
    const request = await signedRequest();
    await expect(verify(request, { now: () => minutesAfter(signingTime, 2), maxSkewMinutes: 1 })).resolves.toMatchObject({
      reason: 'SignatureExpired',
    });
  });

  it('refuses a scope for another region', async () => {
    await expect(verify(await signedRequest({ region: 'us-east-1' }))).resolves.toEqual({
      ok: false,
      reason: 'ScopeRegionMismatch',
      message: "Credential should be scoped to a valid region, not 'us-east-1'.",
    });
  });

  it('refuses a scope for another service', async () => {
    await expect(verify(await signedRequest({ service: 'sts' }))).resolves.toEqual({
      ok: false,
      reason: 'ScopeServiceMismatch',
      message: "Credential should be scoped to correct service: 'execute-api'.",
    });
  });

  it('refuses a scope dated another day than X-Amz-Date', async () => {
    const request = await signedRequest();
    const forged = authorizationOf(request).replace('/20240501/', '/20240430/');
    await expect(verify(withHeaders(request, { authorization: forged }))).resolves.toEqual({
      ok: false,
      reason: 'ScopeDateMismatch',
      message:
        "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20240430' != '20240501', from '20240501T120000Z'.",
    });
  });

  it('refuses a scope not terminated by aws4_request', async () => {
    const request = await signedRequest();
    const forged = authorizationOf(request).replace('/aws4_request,', '/aws5_request,');
    await expect(verify(withHeaders(request, { authorization: forged }))).resolves.toMatchObject({
      reason: 'ScopeTerminatorInvalid',
    });
  });

  it('refuses a request whose Host is not signed', async () => {
    const request = await signedRequest({ unsignableHeaders: new Set(['host']) });
    expect(authorizationOf(request)).not.toMatch(/SignedHeaders=[^,]*host/);
    await expect(verify(request)).resolves.toEqual({
      ok: false,
      reason: 'HostNotSigned',
      message: "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.",
    });
  });

  it('refuses a request whose X-Amz-Date is not signed', async () => {
    const request = await signedRequest();
    const forged = authorizationOf(request).replace(';x-amz-date;', ';');
    await expect(verify(withHeaders(request, { authorization: forged }))).resolves.toMatchObject({ reason: 'DateNotSigned' });
  });

  it('refuses a request missing one of its signed headers', async () => {
    const request = await signedRequest({ headers: { 'x-amz-target': 'Service.Operation' } });
    await expect(verify(withHeaders(request, { 'x-amz-target': undefined }))).resolves.toEqual({
      ok: false,
      reason: 'SignedHeaderMissing',
      message: "The signed header 'x-amz-target' is not present in the request.",
    });
  });

  it('refuses Date and Authorization among the signed headers: the signer cannot reproduce them', async () => {
    const request = await signedRequest({ headers: { date: 'Wed, 01 May 2024 12:00:00 GMT' } });
    const forged = authorizationOf(request).replace('SignedHeaders=', 'SignedHeaders=date;');
    await expect(verify(withHeaders(request, { authorization: forged }))).resolves.toMatchObject({
      reason: 'UnsupportedSignedHeader',
    });
  });

  it('refuses a missing, a Date-only and a malformed X-Amz-Date', async () => {
    const request = await signedRequest();
    await expect(verify(withHeaders(request, { 'x-amz-date': undefined }))).resolves.toEqual({
      ok: false,
      reason: 'MissingDate',
      message: "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
    });
    await expect(
      verify(withHeaders(request, { 'x-amz-date': undefined, date: 'Wed, 01 May 2024 12:00:00 GMT' })),
    ).resolves.toMatchObject({ reason: 'UnsupportedDateHeader' });
    for (const malformed of ['20241301T120000Z', '20240501T126000Z', '2024-05-01T12:00:00Z', '20240501T120000', '']) {
      await expect(verify(withHeaders(request, { 'x-amz-date': malformed }))).resolves.toEqual({
        ok: false,
        reason: 'MalformedDate',
        message: `Date must be in ISO-8601 'basic format'. Got '${malformed}'.`,
      });
    }
    await expect(verify(withHeaders(request, { 'x-amz-date': ['20240501T120000Z', '20240501T120000Z'] }))).resolves.toMatchObject({
      reason: 'MalformedDate',
    });
  });

  it('refuses a malformed Authorization header', async () => {
    const request = await signedRequest();
    const authorization = authorizationOf(request);
    const cases: [string, string][] = [
      [authorization.replace(/, Signature=[0-9a-f]+$/, ''), "Authorization header requires 'Signature' parameter."],
      [
        'AWS4-HMAC-SHA256 SignedHeaders=host;x-amz-date',
        "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter.",
      ],
      [authorization.replace(/Signature=([0-9a-f]+)$/, (_, hex: string) => `Signature=${hex.toUpperCase()}`), ''],
      [authorization.replace(/Signature=[0-9a-f]+$/, 'Signature=abc'), ''],
      [authorization.replace('SignedHeaders=', 'SignedHeaders=HOST;'), ''],
      [authorization.replace('SignedHeaders=', 'SignedHeaders=host;'), ''],
      [`${authorization}, Extra=1`, ''],
      [authorization.replace('Credential=', 'Credential=x, Credential='), ''],
    ];
    for (const [forged, message] of cases) {
      const outcome = await verify(withHeaders(request, { authorization: forged }));
      expect(outcome).toMatchObject({ ok: false, reason: 'MalformedAuthorization' });
      if (message !== '' && !outcome.ok) expect(outcome.message).toBe(message);
    }
    await expect(verify(withHeaders(request, { authorization: [authorization, authorization] }))).resolves.toMatchObject({
      reason: 'MalformedAuthorization',
    });
  });

  it('refuses a malformed credential', async () => {
    const request = await signedRequest();
    for (const credential of [
      `${temporaryKeyA.accessKeyId}/20240501/eu-central-1/execute-api`,
      `/20240501/eu-central-1/execute-api/aws4_request`,
      `${temporaryKeyA.accessKeyId}/2024-05-01/eu-central-1/execute-api/aws4_request`,
      `${temporaryKeyA.accessKeyId}/20240501/eu-central-1/execute-api/aws4_request/extra`,
    ]) {
      const forged = authorizationOf(request).replace(/Credential=[^,]+,/, `Credential=${credential},`);
      await expect(verify(withHeaders(request, { authorization: forged }))).resolves.toMatchObject({
        reason: 'MalformedCredential',
      });
    }
  });

  it('refuses another algorithm', async () => {
    const request = await signedRequest();
    for (const algorithm of ['AWS4-HMAC-SHA512', 'AWS4-ECDSA-P256-SHA256', 'Bearer']) {
      const forged = authorizationOf(request).replace('AWS4-HMAC-SHA256', algorithm);
      await expect(verify(withHeaders(request, { authorization: forged }))).resolves.toMatchObject({
        reason: 'UnsupportedAlgorithm',
      });
    }
  });

  it('refuses an unknown access key with AWS wording', async () => {
    await expect(verify(await signedRequest(), { lookup: lookupOf(permanentKey) })).resolves.toEqual({
      ok: false,
      reason: 'UnknownAccessKey',
      message: 'The security token included in the request is invalid.',
    });
  });

  it('refuses a temporary key without its session token', async () => {
    const request = await signedRequest({ credentials: { ...temporaryKeyA, sessionToken: undefined } });
    await expect(verify(request)).resolves.toEqual({
      ok: false,
      reason: 'MissingSessionToken',
      message: 'The security token included in the request is invalid.',
    });
  });

  it('refuses an altered session token, even one the client signed', async () => {
    const altered = await signedRequest({ credentials: { ...temporaryKeyA, sessionToken: `${temporaryKeyA.sessionToken}x` } });
    await expect(verify(altered)).resolves.toMatchObject({ reason: 'InvalidSessionToken' });
    const request = await signedRequest();
    await expect(verify(withHeaders(request, { 'x-amz-security-token': 'session-token-a//+-' }))).resolves.toMatchObject({
      reason: 'InvalidSessionToken',
    });
    await expect(
      verify(withHeaders(request, { 'x-amz-security-token': [temporaryKeyA.sessionToken ?? '', 'other'] })),
    ).resolves.toMatchObject({ reason: 'InvalidSessionToken' });
  });

  it("refuses a temporary key used with another key's token", async () => {
    const request = await signedRequest({ credentials: { ...temporaryKeyA, sessionToken: temporaryKeyB.sessionToken } });
    await expect(verify(request)).resolves.toMatchObject({ reason: 'InvalidSessionToken' });
  });

  it('refuses a session token for a key that has none', async () => {
    const request = await signedRequest({ credentials: { ...permanentKey, sessionToken: temporaryKeyA.sessionToken } });
    await expect(verify(request)).resolves.toEqual({
      ok: false,
      reason: 'UnexpectedSessionToken',
      message: 'The security token included in the request is invalid.',
    });
  });

  it('refuses expired temporary credentials', async () => {
    const signedLate = minutesAfter(signingTime, 60);
    const request = await signedRequest({ date: signedLate });
    await expect(verify(request, { now: () => signedLate })).resolves.toEqual({
      ok: false,
      reason: 'CredentialsExpired',
      message: 'The security token included in the request is expired',
    });
    const signedJustBefore = minutesAfter(signingTime, 59);
    await expect(verify(await signedRequest({ date: signedJustBefore }), { now: () => signedJustBefore })).resolves.toMatchObject({
      ok: true,
    });
  });

  it('refuses a signature for one path sent to another path', async () => {
    const request = await signedRequest({ path: '/prod/shop/0001/orders' });
    for (const rawPath of ['/prod/shop/0002/orders', '/prod/shop/00011/orders', '/prod/shop/0001/orders/', '/prod/shop/0001']) {
      await expect(verify({ ...request, rawPath })).resolves.toMatchObject({ reason: 'SignatureMismatch' });
    }
  });

  it('refuses a tampered, added or removed query parameter', async () => {
    const request = await signedRequest({ query: { shopId: '0001', shopToken: 'abc' } });
    for (const rawQuery of ['shopId=0002&shopToken=abc', 'shopId=0001&shopToken=abc&admin=true', 'shopId=0001', 'shopid=0001&shopToken=abc']) {
      await expect(verify({ ...request, rawQuery })).resolves.toMatchObject({ reason: 'SignatureMismatch' });
    }
  });

  it('refuses a changed value among repeated query parameters', async () => {
    const request = await signedRequest({ query: { shopId: ['0001', '0002'] } });
    await expect(verify({ ...request, rawQuery: 'shopId=0001&shopId=0003' })).resolves.toMatchObject({
      reason: 'SignatureMismatch',
    });
    await expect(verify({ ...request, rawQuery: 'shopId=0001' })).resolves.toMatchObject({ reason: 'SignatureMismatch' });
  });

  it('refuses a query string that is not valid percent-encoding', async () => {
    const request = await signedRequest();
    await expect(verify({ ...request, rawQuery: 'a=%E0%A4%A' })).resolves.toMatchObject({ reason: 'MalformedQuery' });
  });

  it('refuses another method, another signature and another secret', async () => {
    const request = await signedRequest();
    await expect(verify({ ...request, method: 'DELETE' })).resolves.toMatchObject({ reason: 'SignatureMismatch' });
    const authorization = authorizationOf(request);
    const lastDigit = authorization.slice(-1);
    const flipped = `${authorization.slice(0, -1)}${lastDigit === '0' ? '1' : '0'}`;
    await expect(verify(withHeaders(request, { authorization: flipped }))).resolves.toMatchObject({ reason: 'SignatureMismatch' });
    const wrongSecret = await signedRequest({ credentials: { ...temporaryKeyA, secretAccessKey: 'guessed' } });
    await expect(verify(wrongSecret)).resolves.toMatchObject({ reason: 'SignatureMismatch' });
  });

  it('refuses a request carrying both an Authorization header and a presigned query', async () => {
    const request = await signedRequest({ query: { 'X-Amz-Algorithm': 'AWS4-HMAC-SHA256' } });
    await expect(verify(request)).resolves.toMatchObject({ reason: 'ConflictingAuthentication' });
  });
});

describe('hasSigV4Material', () => {
  it('recognises the Authorization header and the presigned query, nothing else', () => {
    const none = { headers: {}, rawQuery: '' };
    expect(hasSigV4Material(none)).toBe(false);
    expect(hasSigV4Material({ headers: { authorization: 'AWS4-HMAC-SHA256 Credential=x' }, rawQuery: '' })).toBe(true);
    expect(hasSigV4Material({ headers: { authorization: 'Bearer abc' }, rawQuery: '' })).toBe(false);
    expect(hasSigV4Material({ headers: {}, rawQuery: 'a=1&X-Amz-Algorithm=AWS4-HMAC-SHA256' })).toBe(true);
    expect(hasSigV4Material({ headers: {}, rawQuery: 'X-Amz-Algorithm' })).toBe(true);
    expect(hasSigV4Material({ headers: {}, rawQuery: 'x-amz-algorithm=AWS4-HMAC-SHA256' })).toBe(false);
    expect(hasSigV4Material({ headers: {}, rawQuery: 'X-Amz-Signature=abc' })).toBe(false);
  });
});

describe('names a signature cannot cover', () => {
  // The signer canonicalises into a plain object, where `__proto__` is no key, so its value was never signed.
  it('refuses a query parameter named __proto__, whatever its value, so no value can be swapped in unnoticed', async () => {
    const request = await signedRequest({ query: { shopId: '0001' } });
    for (const value of ['signed', 'changed']) {
      await expect(verify({ ...request, rawQuery: `${request.rawQuery}&__proto__=${value}` })).resolves.toEqual({
        ok: false,
        reason: 'MalformedQuery',
        message: "A query parameter named '__proto__' cannot be covered by a signature here; remove it.",
      });
    }
    await expect(verify(request)).resolves.toMatchObject({ ok: true });
  });

  it('refuses __proto__ hidden by percent-encoding', async () => {
    const request = await signedRequest({ query: { shopId: '0001' } });
    const hidden = { ...request, rawQuery: `${request.rawQuery}&%5F%5Fproto%5F%5F=x` };
    await expect(verify(hidden)).resolves.toMatchObject({ ok: false, reason: 'MalformedQuery' });
  });

  it('refuses a signed header named __proto__', async () => {
    const request = await signedRequest();
    const authorization = authorizationOf(request).replace('SignedHeaders=host;', 'SignedHeaders=__proto__;host;');
    const received = withHeaders(request, { authorization, __proto__: 'x' } as Record<string, string>);
    await expect(verify(received)).resolves.toMatchObject({ ok: false, reason: 'UnsupportedSignedHeader' });
  });
});
