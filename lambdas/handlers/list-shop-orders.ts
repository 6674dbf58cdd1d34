import { itemKeys, ordersTable } from '../../platform/table';
import { orderSeenBy } from '../domain/orders';
import { apiHandler } from '../shared/api-handler';
import { requireShopOwner } from '../shared/authorization';
import { jsonResponse } from '../shared/http-response';
import { listOrders, pageOf } from '../shared/order-pages';
import { readParameters } from '../shared/request';
import { listShopOrdersRequest } from '../shared/request-rules.generated';
import { productionUserPoolDependencies, type UserPoolDependencies } from '../shared/user-pool-dependencies';

/** GET /shop/{id}/orders: the owner's view of their shop's orders, newest first. */
export const listShopOrders = apiHandler<UserPoolDependencies>('listShopOrders', async ({ event, caller, deps }) => {
  const parameters = readParameters(event, listShopOrdersRequest);
  const shopId = parameters.id;
  await requireShopOwner(caller, deps.users, shopId);
  const page = await listOrders(deps.table, {
    index: ordersTable.indexes.shopOrders,
    partition: itemKeys.shopOrdersPartition(shopId),
    ...pageOf(parameters),
  });
  return jsonResponse(200, { ...page, orders: page.orders.map((order) => orderSeenBy(order, caller)) });
});

export const handler = listShopOrders(productionUserPoolDependencies);
