import { rotateShopToken as rotate } from '../domain/shop-token-rotation';
import { apiHandler } from '../shared/api-handler';
import { requireShopOwner } from '../shared/authorization';
import { conflict, notFound } from '../shared/http-error';
import { jsonResponse } from '../shared/http-response';
import { countMetric, logger, metricNames } from '../shared/observability';
import { readParameters } from '../shared/request';
import { rotateShopTokenRequest } from '../shared/request-rules.generated';
import { productionUserPoolDependencies, type UserPoolDependencies } from '../shared/user-pool-dependencies';

/**
 * POST /shop/{id}/token: the owner rotates their shop's token; the previous one
 * keeps working for the grace window, and until that is over the token cannot
 * rotate again (409), so no token is ever cut short.
 */
export const rotateShopToken = apiHandler<UserPoolDependencies>('rotateShopToken', async ({ event, caller, deps }) => {
  const shopId = readParameters(event, rotateShopTokenRequest).id;
  await requireShopOwner(caller, deps.users, shopId);
  const nowMs = deps.clock();
  const result = await rotate(deps.table, shopId, { nowMs, graceMs: deps.shopTokenGraceMs });
  if (result.outcome === 'not-found') throw notFound(`Shop ${shopId} not found`);
  if (result.outcome === 'too-soon') {
    const waitSeconds = Math.ceil((result.previousValidUntilMs - nowMs) / 1000);
    throw conflict(
      `The token of shop ${shopId} was rotated moments ago and its previous token is still in its grace period; rotate again in ${waitSeconds} s`,
    );
  }
  const { shopToken } = result;
  countMetric(metricNames.shopTokensRotated);
  logger.info('Shop token rotated', { shopId });
  return jsonResponse(200, { shopToken });
});

export const handler = rotateShopToken(productionUserPoolDependencies);
