import { createHash, createHmac } from 'node:crypto';
import { verifySigV4, type VerifyOptions } from '../../../offline/sigv4';
import {
  apiHost,
  authorizationOf,
  region,
  signedRequest,
  signingTime,
  standardLookup,
  temporaryKeyA,
  withQueryParameter,
} from './support/signing';

/**
 * A refused signature is answered as API Gateway answers it: with the
 * canonical request and string-to-sign the server built, so a client can diff
 * them against its own signer's. The expected strings here are written out by
 * hand from the SigV4 specification, not taken from any signer.
 */

const options: VerifyOptions = { lookup: standardLookup, region, services: ['execute-api'], now: () => signingTime };
const emptyBodyHash = createHash('sha256').update('').digest('hex');
const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');

function explained(message: string): { canonicalRequest: string; stringToSign: string } {
  const match = /\n\nThe Canonical String for this request should have been\n'([^]*)'\n\nThe String-to-Sign should have been\n'([^]*)'\n$/.exec(message);
  if (match === null) throw new Error(`no explanation in: ${message}`);
  return { canonicalRequest: match[1], stringToSign: match[2] };
}

function signatureWith(secretAccessKey: string, stringToSign: string): string {
  const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();
  const dateKey = hmac(`AWS4${secretAccessKey}`, '20240501');
  const signingKey = hmac(hmac(hmac(dateKey, region), 'execute-api'), 'aws4_request');
  return createHmac('sha256', signingKey).update(stringToSign).digest('hex');
}

describe('a signature mismatch explained', () => {
  it('answers with the canonical request and string-to-sign the server computed, in API Gateway’s words', async () => {
    const signedWithWrongSecret = await signedRequest({
      query: { shopId: '0001' },
      credentials: { ...temporaryKeyA, secretAccessKey: 'not-the-secret' },
    });
    const verification = await verifySigV4(signedWithWrongSecret, options);
    if (verification.ok) throw new Error('a request signed with the wrong secret was accepted');
    expect(verification.reason).toBe('SignatureMismatch');
    expect(verification.message.startsWith('The request signature we calculated does not match the signature you provided.')).toBe(true);

    const { canonicalRequest, stringToSign } = explained(verification.message);
    expect(canonicalRequest).toBe(
      [
        'GET',
        '/prod/products',
        'shopId=0001',
        `host:${apiHost}`,
        `x-amz-content-sha256:${emptyBodyHash}`,
        'x-amz-date:20240501T120000Z',
        `x-amz-security-token:${temporaryKeyA.sessionToken}`,
        '',
        'host;x-amz-content-sha256;x-amz-date;x-amz-security-token',
        emptyBodyHash,
      ].join('\n'),
    );
    expect(stringToSign).toBe(
      ['AWS4-HMAC-SHA256', '20240501T120000Z', '20240501/eu-central-1/execute-api/aws4_request', sha256Hex(canonicalRequest)].join('\n'),
    );
    // The string shown is the one the server signs: with the right secret it gives
    // the signature a correct client sends for this very request.
    const correct = await signedRequest({ query: { shopId: '0001' } });
    expect(authorizationOf(correct)).toContain(`Signature=${signatureWith(temporaryKeyA.secretAccessKey, stringToSign)}`);
  });

  it('shows the request as the server received it, so a change in transit stands out', async () => {
    const signed = await signedRequest({ query: { shopId: '0001' } });
    const verification = await verifySigV4(withQueryParameter(signed, 'shopId', '0002'), options);
    if (verification.ok) throw new Error('a changed query was accepted');
    expect(explained(verification.message).canonicalRequest.split('\n')[2]).toBe('shopId=0002');
  });

  it('names no secret: neither the secret key nor a signature appears in the explanation', async () => {
    const signedWithWrongSecret = await signedRequest({ credentials: { ...temporaryKeyA, secretAccessKey: 'not-the-secret' } });
    const verification = await verifySigV4(signedWithWrongSecret, options);
    if (verification.ok) throw new Error('a request signed with the wrong secret was accepted');
    const correct = await signedRequest();
    const expectedSignature = /Signature=([0-9a-f]{64})/.exec(authorizationOf(correct))?.[1] ?? 'missing';
    expect(verification.message).not.toContain(temporaryKeyA.secretAccessKey);
    expect(verification.message).not.toContain(expectedSignature);
  });
});
