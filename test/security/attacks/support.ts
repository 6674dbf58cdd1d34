import { rawRequest, type RawAnswer } from '../../support/raw-request';
import { signRequest, type AwsCredentials, type SignedParts, type SignedRequest } from '../../support/signed-fetch';

/** What the platform answered an attack: status, error type and the message it gave. */
export interface Answer {
  status: number;
  /** API Gateway's `x-amzn-ErrorType`, set on the gateway's own refusals. */
  errorType?: string;
  /** `message`, or `Message` in API Gateway's access-denied body. */
  message?: string;
  body: unknown;
}

export function answerOf(raw: RawAnswer): Answer {
  let body: unknown = raw.text;
  try {
    body = JSON.parse(raw.text);
  } catch {
    // Not JSON: keep the text.
  }
  const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const message = fields.message ?? fields.Message;
  const errorType = raw.headers['x-amzn-errortype'];
  return {
    status: raw.status,
    errorType: typeof errorType === 'string' ? errorType : undefined,
    message: typeof message === 'string' ? message : undefined,
    body,
  };
}

/** Sends exactly these parts: no path normalisation, no header added but the body's length. */
export async function sendRaw(endpoint: string, parts: SignedParts): Promise<Answer> {
  const headers = { ...parts.headers };
  // Without a length Node's client would send a GET's body unframed; a real attacker's client frames it.
  if (parts.body !== undefined) headers['content-length'] = String(Buffer.byteLength(parts.body));
  return answerOf(await rawRequest(endpoint, { method: parts.method, path: parts.path, headers, body: parts.body }));
}

/**
 * Signs a request as `who` with the SDK's signer, lets `tamper` change what goes
 * on the wire after signing, and sends the result as is.
 */
export async function sendSigned(
  endpoint: string,
  who: AwsCredentials,
  request: SignedRequest,
  tamper: (signed: SignedParts) => SignedParts = (signed) => signed,
): Promise<Answer> {
  return sendRaw(endpoint, tamper(await signRequest(endpoint, who, request)));
}

/** A valid order a walk-in customer would place in shop 0001. */
export function orderBody(shopId = '0001', productId = '0011', quantity = 1): string {
  return JSON.stringify({ shopId, phoneNumber: '+41790000010', name: 'Walk-in', items: [{ productId, quantity }] });
}

/**
 * SDK client settings for someone holding no AWS keys at all: the public
 * Cognito and STS operations never ask for credentials, and anything that did
 * would fail here instead of quietly using the root keys.
 */
export function anonymousClientConfig(endpoint: string, region: string) {
  return {
    endpoint,
    region,
    credentials: async (): Promise<never> => {
      throw new Error('An anonymous attacker has no AWS credentials');
    },
  };
}

/** SigV4's basic-format timestamp, e.g. `20260115T093000Z`. */
export function amzDate(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}

export const minutes = (count: number) => count * 60_000;
