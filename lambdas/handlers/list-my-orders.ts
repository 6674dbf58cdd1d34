import { itemKeys, ordersTable } from '../../platform/table';
import { apiHandler } from '../shared/api-handler';
import { productionDependencies } from '../shared/dependencies';
import { jsonResponse } from '../shared/http-response';
import { listOrders, pageOf } from '../shared/order-pages';
import { readParameters } from '../shared/request';
import { listMyOrdersRequest } from '../shared/request-rules.generated';

/** GET /orders: the caller's own orders, newest first (a guest's identity, or a registered user's whole history). */
export const listMyOrders = apiHandler('listMyOrders', async ({ event, caller, deps }) => {
  const page = pageOf(readParameters(event, listMyOrdersRequest));
  const orders = await listOrders(deps.table, {
    index: ordersTable.indexes.customerOrders,
    partition: itemKeys.customerOrdersPartition(caller.customerId),
    ...page,
  });
  return jsonResponse(200, orders);
});

export const handler = listMyOrders(productionDependencies);
