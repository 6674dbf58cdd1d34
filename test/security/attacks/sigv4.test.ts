import { Hash } from '@smithy/hash-node';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { seedOrders } from '../../../platform/seed';
import { testUsers } from '../../../platform/test-users';
import { businessData, expectNoDataChange } from '../../support/business-data';
import { startOfflinePlatform, type OfflinePlatform } from '../../support/offline-platform';
import { rawRequest } from '../../support/raw-request';
import { signRequest, type AwsCredentials, type SignedParts, type SignedRequest } from '../../support/signed-fetch';
import { amzDate, answerOf, minutes, orderBody, sendRaw, type Answer } from './support';
import { escapeRegExp } from '../../support/regular-expressions';

/**
 * Attacks on request signing, against the REST API as a registered customer:
 * every request is signed by the SDK's own signer and then tampered with on
 * the wire. The runtime's clock is ours to move, so signature age and
 * credential expiry are tested without waiting.
 */
let now = Date.now();
let platform: OfflinePlatform;
let customer: AwsCredentials;
let guest: AwsCredentials;
let shopToken: string;

beforeAll(async () => {
  platform = await startOfflinePlatform({ clock: () => now });
  customer = await platform.credentials({ email: testUsers.registeredCustomer1.email });
  guest = await platform.credentials({ guest: true });
  shopToken = await platform.shopToken('0001');
});

afterAll(async () => {
  await platform.close();
});

const sign = (request: SignedRequest, who: AwsCredentials = customer) =>
  signRequest(platform.endpoint, who, { region: platform.settings.region, signingDate: new Date(now), ...request });
const send = (parts: SignedParts) => sendRaw(platform.endpoint, parts);
const signOrder = () => sign({ method: 'POST', path: `/prod/order?shopToken=${shopToken}`, body: orderBody() });
const withAuthorization = (parts: SignedParts, change: (authorization: string) => string): SignedParts => ({
  ...parts,
  headers: { ...parts.headers, authorization: change(parts.headers.authorization) },
});

const signatureMismatch =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';
const invalidToken = 'The security token included in the request is invalid.';
/** API Gateway's mismatch answer, its canonical request opening with the method, path and query the server received. */
const signatureMismatchFor = (...canonicalOpening: string[]) =>
  expect.stringMatching(
    new RegExp(`^${escapeRegExp(`${signatureMismatch}\n\nThe Canonical String for this request should have been\n'${canonicalOpening.join('\n')}\n`)}`),
  );

it('control: the untampered signed requests succeed, so every refusal below is caused by its tampering', async () => {
  const orders = await send(await sign({ path: '/prod/orders' }));
  expect(orders.status).toBe(200);
  expect((orders.body as { orders: Array<{ orderId: string }> }).orders.map((order) => order.orderId)).toEqual(
    expect.arrayContaining(seedOrders.map((order) => order.orderId)),
  );
  const placed = await send(await signOrder());
  expect([placed.status, placed.body]).toEqual([201, { orderId: expect.any(String) }]);
});

describe('no signature', () => {
  it('refuses an unsigned GET /prod/orders with Missing Authentication Token', async () => {
    const answer = answerOf(await rawRequest(platform.endpoint, { path: '/prod/orders' }));
    expect([answer.status, answer.body]).toEqual([403, { message: 'Missing Authentication Token' }]);
  });

  it('refuses an unsigned order with Missing Authentication Token and writes nothing', async () => {
    const answer = await expectNoDataChange(platform.endpoint, () =>
      send({ method: 'POST', path: `/prod/order?shopToken=${shopToken}`, headers: { 'content-type': 'application/json' }, body: orderBody() }),
    );
    expect([answer.status, answer.body]).toEqual([403, { message: 'Missing Authentication Token' }]);
  });
});

describe('what the signature covers', () => {
  it('refuses an order whose body was changed after signing (x-amz-content-sha256 kept)', async () => {
    const signed = await signOrder();
    const answer = await expectNoDataChange(platform.endpoint, () => send({ ...signed, body: orderBody('0001', '0011', 99) }));
    expect([answer.status, answer.errorType]).toEqual([403, 'InvalidSignatureException']);
    expect(answer.message).toBe("The provided 'x-amz-content-sha256' header does not match what was computed.");
  });

  it('refuses an order whose body and x-amz-content-sha256 were both changed after signing', async () => {
    const signed = await signOrder();
    // The attacker's body, with the hash header recomputed for it: only the signature can tell.
    const forged = await sign({ method: 'POST', path: `/prod/order?shopToken=${shopToken}`, body: orderBody('0001', '0011', 99) });
    const tampered = { ...signed, body: forged.body, headers: { ...signed.headers, 'x-amz-content-sha256': forged.headers['x-amz-content-sha256'] } };
    const answer = await expectNoDataChange(platform.endpoint, () => send(tampered));
    expect([answer.status, answer.errorType, answer.message]).toEqual([
      403,
      'InvalidSignatureException',
      signatureMismatchFor('POST', '/prod/order', `shopToken=${shopToken}`),
    ]);
  });

  it('refuses an order signed over UNSIGNED-PAYLOAD, which would leave its body free to swap, and writes nothing', async () => {
    const signed = await sign({
      method: 'POST',
      path: `/prod/order?shopToken=${shopToken}`,
      body: orderBody(),
      headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
    });
    const answer = await expectNoDataChange(platform.endpoint, () => send(signed));
    expect([answer.status, answer.errorType]).toEqual([403, 'InvalidSignatureException']);
    expect(answer.message).toBe("The 'x-amz-content-sha256' header may not be UNSIGNED-PAYLOAD or a streaming payload here.");
  });

  it('refuses an order body on a presigned URL signed over UNSIGNED-PAYLOAD, and writes nothing', async () => {
    const endpoint = new URL(platform.endpoint);
    const presigner = new SignatureV4({ service: 'execute-api', region: platform.settings.region, credentials: customer, sha256: Hash.bind(null, 'sha256') });
    const presigned = await presigner.presign(
      new HttpRequest({
        method: 'POST',
        protocol: endpoint.protocol,
        hostname: endpoint.hostname,
        port: Number(endpoint.port),
        path: '/prod/order',
        query: { shopToken },
        headers: { host: endpoint.host, 'content-type': 'application/json', 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
      }),
      { expiresIn: 300, signingDate: new Date(now) },
    );
    const query = new URLSearchParams(presigned.query as Record<string, string>).toString();
    const answer = await expectNoDataChange(platform.endpoint, () =>
      send({ method: 'POST', path: `/prod/order?${query}`, headers: presigned.headers, body: orderBody() }),
    );
    expect([answer.status, answer.errorType]).toEqual([403, 'InvalidSignatureException']);
    expect(answer.message).toBe('The request body is not covered by the signature.');
  });

  it('refuses a signature for /prod/orders sent to /prod/order/<id>', async () => {
    const signed = await sign({ path: '/prod/orders' });
    const answer = await send({ ...signed, path: `/prod/order/${seedOrders[0].orderId}` });
    expect([answer.status, answer.errorType, answer.message]).toEqual([
      403,
      'InvalidSignatureException',
      signatureMismatchFor('GET', `/prod/order/${seedOrders[0].orderId}`, ''),
    ]);
  });

  it('refuses a signature for one shopToken sent with another shopToken', async () => {
    const signed = await sign({ path: `/prod/products?shopId=0001&shopToken=${shopToken}` });
    const otherToken = shopToken === 'ABCDEFGHJK' ? 'KJHGFEDCBA' : 'ABCDEFGHJK';
    const answer = await send({ ...signed, path: `/prod/products?shopId=0001&shopToken=${otherToken}` });
    expect([answer.status, answer.errorType, answer.message]).toEqual([
      403,
      'InvalidSignatureException',
      signatureMismatchFor('GET', '/prod/products', `shopId=0001&shopToken=${otherToken}`),
    ]);
  });

  it('refuses a signed order replayed with another method (PUT), before any signature is trusted, and writes nothing', async () => {
    const signed = await signOrder();
    const answer = await expectNoDataChange(platform.endpoint, () => send({ ...signed, method: 'PUT' }));
    // No resource takes PUT: API Gateway answers an unknown method as it answers an unknown path.
    expect([answer.status, answer.body]).toEqual([403, { message: 'Missing Authentication Token' }]);
  });

  it('refuses a request signed with the real access key id but a guessed secret', async () => {
    const answer = await send(await sign({ path: '/prod/orders' }, { ...customer, secretAccessKey: 'guessed-secret-access-key' }));
    expect([answer.status, answer.errorType, answer.message]).toEqual([
      403,
      'InvalidSignatureException',
      signatureMismatchFor('GET', '/prod/orders', ''),
    ]);
  });
});

describe('the credential scope', () => {
  it('refuses a signature scoped to another region', async () => {
    const answer = await send(await sign({ path: '/prod/orders', region: 'us-east-1' }));
    expect([answer.status, answer.errorType]).toEqual([403, 'InvalidSignatureException']);
    expect(answer.message).toBe("Credential should be scoped to a valid region, not 'us-east-1'.");
  });

  it.each(['dynamodb', 's3'])('refuses a signature scoped to another service (%s)', async (service) => {
    const answer = await send(await sign({ path: '/prod/orders', service }));
    expect([answer.status, answer.errorType]).toEqual([403, 'InvalidSignatureException']);
    expect(answer.message).toBe("Credential should be scoped to correct service: 'execute-api'.");
  });

  it("refuses a Credential dated yesterday while X-Amz-Date says today", async () => {
    const signed = await sign({ path: '/prod/orders' });
    const today = amzDate(new Date(now));
    const yesterday = amzDate(new Date(now - minutes(24 * 60))).slice(0, 8);
    const answer = await send(withAuthorization(signed, (authorization) => authorization.replace(`/${today.slice(0, 8)}/`, `/${yesterday}/`)));
    expect([answer.status, answer.errorType]).toEqual([403, 'InvalidSignatureException']);
    expect(answer.message).toBe(
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${yesterday}' != '${today.slice(0, 8)}', from '${today}'.`,
    );
  });

  it('refuses a signature that leaves host out of SignedHeaders', async () => {
    const signed = await sign({ path: '/prod/orders' });
    const tampered = withAuthorization(signed, (authorization) => authorization.replace(/SignedHeaders=host;/, 'SignedHeaders='));
    expect(tampered.headers.authorization).not.toMatch(/SignedHeaders=[^,]*host/);
    const answer = await send(tampered);
    expect([answer.status, answer.errorType]).toEqual([403, 'IncompleteSignatureException']);
    expect(answer.message).toBe("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
  });
});

describe('the signature date', () => {
  it('refuses an X-Amz-Date 6 minutes old', async () => {
    const answer = await send(await sign({ path: '/prod/orders', signingDate: new Date(now - minutes(6)) }));
    expect([answer.status, answer.errorType]).toEqual([403, 'InvalidSignatureException']);
    const [signedAt, earliest, current] = [-6, -5, 0].map((offset) => amzDate(new Date(now + minutes(offset))));
    expect(answer.message).toBe(`Signature expired: ${signedAt} is now earlier than ${earliest} (${current} - 5 min.)`);
  });

  it('refuses an X-Amz-Date 6 minutes ahead', async () => {
    const answer = await send(await sign({ path: '/prod/orders', signingDate: new Date(now + minutes(6)) }));
    expect([answer.status, answer.errorType]).toEqual([403, 'InvalidSignatureException']);
    const [signedAt, latest, current] = [6, 5, 0].map((offset) => amzDate(new Date(now + minutes(offset))));
    expect(answer.message).toBe(`Signature not yet current: ${signedAt} is still later than ${latest} (${current} + 5 min.)`);
  });
});

describe('the session token', () => {
  it('refuses temporary keys signed without their session token', async () => {
    const { accessKeyId, secretAccessKey } = customer;
    const answer = await send(await sign({ path: '/prod/orders' }, { accessKeyId, secretAccessKey }));
    expect([answer.status, answer.errorType, answer.message]).toEqual([403, 'UnrecognizedClientException', invalidToken]);
  });

  it('refuses a request whose signed session token header was stripped in transit', async () => {
    const signed = await sign({ path: '/prod/orders' });
    const headers = { ...signed.headers };
    delete headers['x-amz-security-token'];
    const answer = await send({ ...signed, headers });
    expect([answer.status, answer.errorType]).toEqual([403, 'IncompleteSignatureException']);
    expect(answer.message).toBe("The signed header 'x-amz-security-token' is not present in the request.");
  });

  it('refuses a session token with one character changed', async () => {
    const token = customer.sessionToken!;
    const altered = `${token.slice(0, 20)}${token[20] === 'A' ? 'B' : 'A'}${token.slice(21)}`;
    const answer = await send(await sign({ path: '/prod/orders' }, { ...customer, sessionToken: altered }));
    expect([answer.status, answer.errorType, answer.message]).toEqual([403, 'UnrecognizedClientException', invalidToken]);
  });

  it("refuses a temporary key used with another identity's session token", async () => {
    const answer = await send(await sign({ path: '/prod/orders' }, { ...customer, sessionToken: guest.sessionToken }));
    expect([answer.status, answer.errorType, answer.message]).toEqual([403, 'UnrecognizedClientException', invalidToken]);
  });

  it('refuses credentials past their one-hour expiry, even freshly signed, and writes nothing', async () => {
    // businessData signs with the real time, so the snapshots are taken while the clock is not moved.
    const before = await businessData(platform.endpoint);
    const issuedAt = now;
    now += minutes(61);
    let answer: Answer;
    try {
      answer = await send(await signOrder());
    } finally {
      now = issuedAt;
    }
    expect(await businessData(platform.endpoint)).toEqual(before);
    expect([answer.status, answer.errorType]).toEqual([403, 'ExpiredTokenException']);
    expect(answer.message).toBe('The security token included in the request is expired');
  });
});
