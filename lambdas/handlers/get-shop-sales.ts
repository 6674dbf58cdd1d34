import { shopSales } from '../domain/shop-sales';
import { apiHandler } from '../shared/api-handler';
import { requireShopOwner } from '../shared/authorization';
import { jsonResponse } from '../shared/http-response';
import { readParameters } from '../shared/request';
import { getShopSalesRequest } from '../shared/request-rules.generated';
import { productionUserPoolDependencies, type UserPoolDependencies } from '../shared/user-pool-dependencies';

/** GET /shop/{id}/sales: exact totals over every order of the owner's shop. */
export const getShopSales = apiHandler<UserPoolDependencies>('getShopSales', async ({ event, caller, deps }) => {
  const shopId = readParameters(event, getShopSalesRequest).id;
  await requireShopOwner(caller, deps.users, shopId);
  return jsonResponse(200, await shopSales(deps.table, shopId));
});

export const handler = getShopSales(productionUserPoolDependencies);
