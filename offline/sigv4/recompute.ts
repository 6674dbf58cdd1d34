import { Hash } from '@smithy/hash-node';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import type { SignatureForm } from './types';

/**
 * Recomputes a client's signature with the AWS SDK's own signer, so the
 * canonicalisation is the one real clients use: path normalised and encoded
 * twice (the default for every service but S3), query decoded, re-encoded and
 * sorted, header values trimmed and whitespace-collapsed.
 */

const PAYLOAD_HASH_HEADER = 'x-amz-content-sha256';

export interface SignatureInputs {
  form: SignatureForm;
  method: string;
  /** On the wire, still percent-encoded: the signer encodes it once more, as the clients did. */
  rawPath: string;
  query: Record<string, string | string[]>;
  /** Exactly the headers the client listed in SignedHeaders, with their canonical values. */
  signedHeaderValues: Record<string, string>;
  payloadHash: string;
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  service: string;
  signingDate: Date;
  /** Query form only. */
  expiresSeconds?: number;
}

/** The signature the client should have sent, and the two strings it was derived from. */
export interface RecomputedSignature {
  signature: string;
  canonicalRequest: string;
  stringToSign: string;
}

/**
 * The SDK's signer, keeping the canonical request and string-to-sign it built
 * on its way to the signature. A refused client is shown exactly these (as
 * API Gateway does), so they are taken from the signer rather than rebuilt
 * beside it, where the two could drift apart.
 */
class WitnessedSigner extends SignatureV4 {
  canonicalRequest: string | undefined;
  stringToSign: string | undefined;

  protected override createCanonicalRequest(...args: Parameters<SignatureV4['createCanonicalRequest']>): string {
    this.canonicalRequest = super.createCanonicalRequest(...args);
    return this.canonicalRequest;
  }

  protected override async createStringToSign(...args: Parameters<SignatureV4['createStringToSign']>): Promise<string> {
    this.stringToSign = await super.createStringToSign(...args);
    return this.stringToSign;
  }

  witnessed(signature: string): RecomputedSignature {
    if (this.canonicalRequest === undefined || this.stringToSign === undefined) {
      throw new Error('the signer produced a signature without a canonical request and string-to-sign');
    }
    return { signature, canonicalRequest: this.canonicalRequest, stringToSign: this.stringToSign };
  }
}

export async function recomputeSignature(inputs: SignatureInputs): Promise<RecomputedSignature> {
  const signedNames = new Set(Object.keys(inputs.signedHeaderValues));
  const headers: Record<string, string> = { ...inputs.signedHeaderValues };
  // The signer reads the payload hash from this header. When the client did not
  // sign the header, it is marked unsignable so it feeds the hash line only.
  const payloadHeaderSigned = signedNames.has(PAYLOAD_HASH_HEADER);
  if (!payloadHeaderSigned) headers[PAYLOAD_HASH_HEADER] = inputs.payloadHash;
  const unsignableHeaders = payloadHeaderSigned ? new Set<string>() : new Set([PAYLOAD_HASH_HEADER]);

  const request = new HttpRequest({
    method: inputs.method,
    protocol: 'https:',
    hostname: inputs.signedHeaderValues.host ?? 'localhost',
    path: inputs.rawPath,
    query: inputs.query,
    headers,
  });
  const signer = new WitnessedSigner({
    service: inputs.service,
    region: inputs.region,
    // No session token here: when the client signed its token header, that
    // header is among the signed ones already; adding it again would sign a
    // header the client may not have signed.
    credentials: { accessKeyId: inputs.accessKeyId, secretAccessKey: inputs.secretAccessKey },
    sha256: Hash.bind(null, 'sha256'),
    uriEscapePath: true,
    applyChecksum: false,
  });
  const common = {
    signingDate: inputs.signingDate,
    signingRegion: inputs.region,
    signingService: inputs.service,
    // sign()/presign() would otherwise drop headers they never sign, such as
    // user-agent, even when the client did sign them.
    signableHeaders: signedNames,
    unsignableHeaders,
  };

  if (inputs.form === 'query') {
    const presigned = await signer.presign(request, {
      ...common,
      expiresIn: inputs.expiresSeconds,
      // The client already moved what it wanted into the query; headers it kept
      // as headers must stay headers.
      unhoistableHeaders: new Set([...signedNames, PAYLOAD_HASH_HEADER]),
    });
    const signature = presigned.query?.['X-Amz-Signature'];
    if (typeof signature !== 'string') throw new Error('the signer returned no X-Amz-Signature');
    return signer.witnessed(signature);
  }

  const signed = await signer.sign(request, common);
  const authorization = signed.headers.authorization;
  const signature = /Signature=([0-9a-f]{64})$/.exec(authorization ?? '')?.[1];
  if (signature === undefined) throw new Error('the signer returned no Authorization signature');
  return signer.witnessed(signature);
}
