import { findIdempotencyRecord, requestHash, type IdempotencyScope } from '../domain/idempotency-records';
import { duplicateProductId } from '../domain/order-pricing';
import { placeOrder as placeNewOrder, type OrderRequest } from '../domain/order-placement';
import { readOrderContext } from '../domain/order-context';
import type { Table } from '../shared/table';
import { apiHandler } from '../shared/api-handler';
import { productionDependencies } from '../shared/dependencies';
import { badRequest, conflict } from '../shared/http-error';
import { jsonResponse } from '../shared/http-response';
import { countMetric, logger, metricNames } from '../shared/observability';
import { readJsonBody, readParameters } from '../shared/request';
import { placeOrderRequest } from '../shared/request-rules.generated';
import { requireShopAdmission } from '../shared/shop-admission';

/**
 * POST /order?shopToken: places an order priced from the stored catalogue.
 * With an Idempotency-Key, a caller's key stands for one order for a day: the
 * order and the key's record are written in one transaction, so a retry (after
 * a timeout, a crash, a rotation of the token) gets the first order's id back
 * and never places a second one. A failed attempt writes nothing, so it can be
 * retried with the same key.
 */
const operation = 'place-order';

type Replay = { replayed: true; orderId: string };

/** The earlier order under this key, or a 409 when the key was used for another request. */
async function replayOf(table: Table, scope: IdempotencyScope, request: OrderRequest, nowMs: number): Promise<Replay | undefined> {
  const record = await findIdempotencyRecord(table, scope, nowMs);
  if (!record) return undefined;
  if (record.requestHash !== requestHash(request)) {
    throw conflict('This Idempotency-Key was already used for a different request; use a new key for a new order');
  }
  return { replayed: true, orderId: record.orderId };
}

export const placeOrder = apiHandler('placeOrder', async ({ event, caller, deps }) => {
  const parameters = readParameters(event, placeOrderRequest);
  const { shopToken } = parameters;
  const idempotencyKey = parameters['Idempotency-Key'];
  const request = readJsonBody(event, placeOrderRequest);
  const duplicate = duplicateProductId(request.items);
  if (duplicate !== undefined) {
    throw badRequest(`Invalid request body: product ${duplicate} appears in more than one item; order it on one line`);
  }
  logger.debug('Placing order', { request });
  const scope = idempotencyKey === undefined ? undefined : { operation, customerId: caller.customerId, idempotencyKey };
  const nowMs = deps.clock();

  const answerReplay = ({ orderId }: Replay) => {
    countMetric(metricNames.idempotentReplays);
    logger.info('Idempotent replay', { orderId });
    return jsonResponse(201, { orderId });
  };

  const earlier = scope && (await replayOf(deps.table, scope, request, nowMs));
  if (earlier) return answerReplay(earlier);

  const { shopId } = request;
  const { customerId } = caller;
  const context = await readOrderContext(deps.table, { shopId, productIds: request.items.map((item) => item.productId), customerId });
  await requireShopAdmission(deps, caller, { shopId, shop: context.shop }, shopToken);
  const placement = await placeNewOrder(deps.table, { customerId, request, context, nowMs, idempotency: scope });
  if (!placement.placed) {
    if ('idempotencyKeyTaken' in placement) {
      // A concurrent request with the same key was written first; its record answers this one.
      const winner = scope && (await replayOf(deps.table, scope, request, deps.clock()));
      if (!winner) throw new Error('The Idempotency-Key was taken, but its record cannot be read');
      return answerReplay(winner);
    }
    throw badRequest(`Product ${placement.missingProductId} does not exist in shop ${request.shopId}`);
  }
  const { order } = placement;
  countMetric(metricNames.ordersPlaced);
  logger.info('Order placed', { orderId: order.orderId, shopId: order.shopId, lines: order.items.length, amount: order.amount });
  return jsonResponse(201, { orderId: order.orderId });
});

export const handler = placeOrder(productionDependencies);
