import type { ShopRecord } from '../../platform/table';
import type { Table } from '../shared/table';
import { shopTokenAccepted } from './shop-token';
import { admittedBefore, releaseTokenAttempt, reserveTokenAttempt, throttleKey } from './shop-token-throttle';

/**
 * A customer's way into a shop: the shop must exist, the caller must still
 * have guesses left for this rotation, and the token must be the shop's.
 * The shop is read by the caller of this, together with what the request
 * needs from the shop's partition (one read instead of two).
 */
export type Admission =
  | { admitted: true; shop: ShopRecord }
  | { admitted: false; reason: 'unknown-shop' | 'throttled' | 'wrong-token' };

export async function admitCustomer(
  table: Table,
  request: { customerId: string; shop: ShopRecord | undefined; shopToken: string; nowMs: number },
): Promise<Admission> {
  const { shop } = request;
  if (!shop) return { admitted: false, reason: 'unknown-shop' };
  const key = throttleKey(request.customerId, shop);
  // Only a caller who has shown this rotation's token skips the reservation; a wrong token from them is reserved like any other.
  if ((await admittedBefore(table, key)) && shopTokenAccepted(shop, request.shopToken, request.nowMs)) return { admitted: true, shop };
  if (!(await reserveTokenAttempt(table, key, request.nowMs))) return { admitted: false, reason: 'throttled' };
  if (!shopTokenAccepted(shop, request.shopToken, request.nowMs)) return { admitted: false, reason: 'wrong-token' };
  await releaseTokenAttempt(table, key);
  return { admitted: true, shop };
}
