import { createPrivateKey, createPublicKey, generateKeyPair, type JsonWebKey, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { calculateJwkThumbprint, type JWK } from 'jose';
import type { DocumentStore } from './document-store';
import { documents } from './documents';
import { StateError } from './errors';
import { expectRecord, expectString } from './shape';

const generateRsaKeyPair = promisify(generateKeyPair);

/** The key pair that signs the user pool's tokens; generated once per data directory. */
export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** What the JWKS endpoint publishes: `kty`, `n`, `e`, `kid`, `alg`, `use`. */
  publicJwk: JWK;
}

interface StoredSigningKey {
  kid: string;
  privateJwk: JsonWebKey;
}

function fromStored(stored: StoredSigningKey, where: string): SigningKey {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: stored.privateJwk, format: 'jwk' });
  } catch {
    throw new StateError(`${where}.privateJwk is not a usable private key`);
  }
  if (privateKey.asymmetricKeyType !== 'rsa') throw new StateError(`${where}.privateJwk must be an RSA key`);
  const publicKey = createPublicKey(privateKey);
  const exported = publicKey.export({ format: 'jwk' });
  const publicJwk: JWK = { kty: 'RSA', n: exported.n, e: exported.e, kid: stored.kid, alg: 'RS256', use: 'sig' };
  return { kid: stored.kid, privateKey, publicKey, publicJwk };
}

export async function loadOrCreateSigningKey(store: DocumentStore): Promise<SigningKey> {
  const where = `${store.location}/${documents.signingKey.name}`;
  const existing = store.read(documents.signingKey);
  if (existing !== undefined) {
    const record = expectRecord(existing, where);
    const privateJwk: JsonWebKey = expectRecord(record.privateJwk, `${where}.privateJwk`);
    return fromStored({ kid: expectString(record, 'kid', where), privateJwk }, where);
  }
  const { privateKey } = await generateRsaKeyPair('rsa', { modulusLength: 2048 });
  const privateJwk = privateKey.export({ format: 'jwk' });
  const kid = await calculateJwkThumbprint({ kty: 'RSA', n: privateJwk.n, e: privateJwk.e });
  const stored: StoredSigningKey = { kid, privateJwk };
  store.write(documents.signingKey, stored);
  return fromStored(stored, where);
}
