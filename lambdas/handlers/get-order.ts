import { findOrder, mayReadOrder, orderSeenBy } from '../domain/orders';
import { apiHandler } from '../shared/api-handler';
import { ownedShopId } from '../shared/authorization';
import { HttpError, notFound } from '../shared/http-error';
import { jsonResponse } from '../shared/http-response';
import { readParameters } from '../shared/request';
import { getOrderRequest } from '../shared/request-rules.generated';
import { productionUserPoolDependencies, type UserPoolDependencies } from '../shared/user-pool-dependencies';

/**
 * GET /order/{id}: for the customer who placed the order and the owner of its
 * shop. Everyone else gets the very answer an unknown or malformed id gets, so
 * the endpoint reveals nothing about which ids exist.
 */
const orderNotFound = () => notFound('Order not found');

export const getOrder = apiHandler<UserPoolDependencies>('getOrder', async ({ event, caller, deps }) => {
  let orderId: string;
  try {
    orderId = readParameters(event, getOrderRequest).id;
  } catch (error) {
    if (error instanceof HttpError) throw orderNotFound();
    throw error;
  }
  const order = await findOrder(deps.table, orderId);
  if (order && mayReadOrder(order, { customerId: caller.customerId })) return jsonResponse(200, orderSeenBy(order, caller));
  // The user pool is asked whether the order exists or not, so someone else's order
  // and an unknown id cost the same work and cannot be told apart by timing.
  const owned = await ownedShopId(caller, deps.users);
  if (!order || !mayReadOrder(order, { customerId: caller.customerId, ownedShopId: owned })) throw orderNotFound();
  return jsonResponse(200, orderSeenBy(order, caller));
});

export const handler = getOrder(productionUserPoolDependencies);
