import type { ShopRecord } from '../../platform/table';
import type { Table } from '../shared/table';
import { findShop } from './shops';
import { shopTokenAccepted } from './shop-token';
import { releaseTokenAttempt, reserveTokenAttempt, throttleKey } from './shop-token-throttle';

/**
 * A customer's way into a shop: the shop must exist, the caller must still
 * have guesses left for this rotation, and the token must be the shop's.
 */
export type Admission =
  | { admitted: true; shop: ShopRecord }
  | { admitted: false; reason: 'unknown-shop' | 'throttled' | 'wrong-token' };

export async function admitCustomer(
  table: Table,
  request: { customerId: string; shopId: string; shopToken: string; nowMs: number },
): Promise<Admission> {
  const shop = await findShop(table, request.shopId);
  if (!shop) return { admitted: false, reason: 'unknown-shop' };
  const key = throttleKey(request.customerId, shop);
  if (!(await reserveTokenAttempt(table, key, request.nowMs))) return { admitted: false, reason: 'throttled' };
  if (!shopTokenAccepted(shop, request.shopToken, request.nowMs)) return { admitted: false, reason: 'wrong-token' };
  await releaseTokenAttempt(table, key);
  return { admitted: true, shop };
}
