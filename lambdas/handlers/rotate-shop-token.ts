import { rotateShopToken as rotate } from '../domain/shop-token-rotation';
import { apiHandler } from '../shared/api-handler';
import { requireShopOwner } from '../shared/authorization';
import { productionDependencies } from '../shared/dependencies';
import { notFound } from '../shared/http-error';
import { jsonResponse } from '../shared/http-response';
import { countMetric, logger, metricNames } from '../shared/observability';
import { readParameters } from '../shared/request';

/** POST /shop/{id}/token: the owner rotates their shop's token; the previous one keeps working for the grace window. */
export const rotateShopToken = apiHandler('rotateShopToken', async ({ event, caller, deps }) => {
  const shopId = readParameters(event, 'rotateShopToken').id as string;
  await requireShopOwner(caller, deps.users, shopId);
  const shopToken = await rotate(deps.table, shopId, { nowMs: deps.clock(), graceMs: deps.shopTokenGraceMs });
  if (shopToken === undefined) throw notFound(`Shop ${shopId} not found`);
  countMetric(metricNames.shopTokensRotated);
  logger.info('Shop token rotated', { shopId });
  return jsonResponse(200, { shopToken });
});

export const handler = rotateShopToken(productionDependencies);
