import { duplicateProductId } from '../domain/order-pricing';
import { placeOrder as placeNewOrder, type OrderRequest } from '../domain/order-placement';
import { apiHandler } from '../shared/api-handler';
import { productionDependencies } from '../shared/dependencies';
import { badRequest } from '../shared/http-error';
import { jsonResponse } from '../shared/http-response';
import { idempotencyRunner } from '../shared/idempotency';
import { countMetric, logger, metricNames } from '../shared/observability';
import { readJsonBody, readParameters } from '../shared/request';
import { requireShopAdmission } from '../shared/shop-admission';

/**
 * POST /order?shopToken: places an order priced from the stored catalogue.
 * With an Idempotency-Key the whole placement (token check included) runs at
 * most once per caller and key; a failed attempt leaves no record, so it can
 * be retried with the same key.
 */
type OrderCreated = { orderId: string };

const runIdempotently = idempotencyRunner({ operation: 'place-order', expiresAfterSeconds: 24 * 60 * 60 });

export const placeOrder = apiHandler('placeOrder', async ({ event, context, caller, deps }) => {
  const parameters = readParameters(event, 'placeOrder');
  const shopToken = parameters.shopToken as string;
  const idempotencyKey = parameters['Idempotency-Key'] as string | undefined;
  const request = readJsonBody(event, 'placeOrder') as OrderRequest;
  const duplicate = duplicateProductId(request.items);
  if (duplicate !== undefined) {
    throw badRequest(`Invalid request body: product ${duplicate} appears in more than one item; order it on one line`);
  }
  logger.debug('Placing order', { request });

  const place = async (): Promise<OrderCreated> => {
    await requireShopAdmission(deps, caller, request.shopId, shopToken);
    const placement = await placeNewOrder(deps.table, { customerId: caller.customerId, request, nowMs: deps.clock() });
    if (!placement.placed) {
      throw badRequest(`Product ${placement.missingProductId} does not exist in shop ${request.shopId}`);
    }
    const { order } = placement;
    countMetric(metricNames.ordersPlaced);
    logger.info('Order placed', { orderId: order.orderId, shopId: order.shopId, lines: order.items.length, amount: order.amount });
    return { orderId: order.orderId };
  };

  if (idempotencyKey === undefined) return jsonResponse(201, await place());
  const { result, replayed } = await runIdempotently(deps.table, {
    customerId: caller.customerId,
    idempotencyKey,
    request,
    context,
    run: place,
  });
  if (replayed) {
    countMetric(metricNames.idempotentReplays);
    logger.info('Idempotent replay', { orderId: result.orderId });
  }
  return jsonResponse(201, result);
});

export const handler = placeOrder(productionDependencies);
