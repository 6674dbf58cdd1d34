import { verifySigV4 } from '../../../offline/sigv4';
import { constantTimeEquals } from '../../../offline/sigv4/constant-time';
import { region, signedRequest, signingTime, standardLookup, withHeaders } from './support/signing';

describe('constant-time comparison', () => {
  afterEach(() => jest.restoreAllMocks());

  it('compares equal, different and differently long secrets correctly', () => {
    expect(constantTimeEquals('token-a', 'token-a')).toBe(true);
    expect(constantTimeEquals('token-a', 'token-b')).toBe(false);
    expect(constantTimeEquals('token', 'token-longer')).toBe(false);
    expect(constantTimeEquals('', '')).toBe(true);
  });

  it('goes through crypto.timingSafeEqual for the session token and the signature', async () => {
    // The module object itself (not an import wrapper), as the verifier calls it.
    const crypto = jest.requireActual<typeof import('node:crypto')>('node:crypto');
    const spy = jest.spyOn(crypto, 'timingSafeEqual');
    const request = await signedRequest();
    const options = { lookup: standardLookup, region, services: ['execute-api'], now: () => signingTime };
    await expect(verifySigV4(request, options)).resolves.toMatchObject({ ok: true });
    expect(spy).toHaveBeenCalledTimes(2);

    spy.mockClear();
    const authorization = String(request.headers.authorization);
    const badSignature = `${authorization.slice(0, -1)}${authorization.endsWith('0') ? '1' : '0'}`;
    await expect(verifySigV4(withHeaders(request, { authorization: badSignature }), options)).resolves.toMatchObject({
      reason: 'SignatureMismatch',
    });
    expect(spy).toHaveBeenCalledTimes(2);
  });
});
