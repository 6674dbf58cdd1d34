import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import { shopTokenPolicy } from '../../platform/shop-token-policy';
import type { ShopRecord } from '../../platform/table';

/** Shop tokens: made by a CSPRNG from the shared policy, checked without leaking timing. */
export function generateShopToken(): string {
  const { alphabet, length } = shopTokenPolicy;
  let token = '';
  for (let index = 0; index < length; index++) token += alphabet[randomInt(alphabet.length)];
  return token;
}

// Digests give both sides the same length, which timingSafeEqual needs, whatever was sent.
const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

function sameToken(presented: Buffer, expected: string | undefined): boolean {
  if (expected === undefined) {
    timingSafeEqual(presented, presented);
    return false;
  }
  return timingSafeEqual(presented, digest(expected));
}

/**
 * Whether `presented` opens this shop now: its current token, or the previous
 * one while the grace window after a rotation lasts. A shop without a token
 * accepts nothing.
 */
export function shopTokenAccepted(shop: ShopRecord, presented: string, nowMs: number): boolean {
  const presentedDigest = digest(presented);
  const current = sameToken(presentedDigest, shop.shopToken);
  const previousStillValid = shop.previousShopTokenValidUntil !== undefined && nowMs < shop.previousShopTokenValidUntil;
  const previous = sameToken(presentedDigest, previousStillValid ? shop.previousShopToken : undefined);
  return shop.shopToken !== undefined && (current || previous);
}
