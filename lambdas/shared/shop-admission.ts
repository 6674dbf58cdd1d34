import type { ShopRecord } from '../../platform/table';
import { admitCustomer } from '../domain/shop-admission';
import type { Caller } from './caller';
import type { Dependencies } from './dependencies';
import { invalidShopToken, notFound, tooManyRequests } from './http-error';
import { countMetric, logger, metricNames } from './observability';

/**
 * The shop the caller may shop in with this token, or the HTTP refusal (404,
 * 429, 401). `shop` is the shop's item as the handler read it (`undefined`
 * when there is none); nothing else it read may leave before this passes.
 */
export async function requireShopAdmission(
  deps: Dependencies,
  caller: Caller,
  { shopId, shop }: { shopId: string; shop: ShopRecord | undefined },
  shopToken: string,
): Promise<ShopRecord> {
  const admission = await admitCustomer(deps.table, {
    customerId: caller.customerId,
    shop,
    shopToken,
    nowMs: deps.clock(),
  });
  if (admission.admitted) return admission.shop;
  switch (admission.reason) {
    case 'unknown-shop':
      throw notFound(`Shop ${shopId} not found`);
    case 'throttled':
      countMetric(metricNames.shopTokenThrottled);
      logger.warn('Shop token attempts exhausted for this rotation', { shopId });
      throw tooManyRequests('Too many wrong shop tokens for this shop; try again after the shop token rotates');
    case 'wrong-token':
      countMetric(metricNames.shopTokenRejected);
      throw invalidShopToken('The shop token is wrong or has expired');
  }
}
