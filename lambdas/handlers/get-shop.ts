import { findShop, toShopView } from '../domain/shops';
import { apiHandler } from '../shared/api-handler';
import { requireShopOwner } from '../shared/authorization';
import { notFound } from '../shared/http-error';
import { jsonResponse } from '../shared/http-response';
import { readParameters } from '../shared/request';
import { getShopRequest } from '../shared/request-rules.generated';
import { productionUserPoolDependencies, type UserPoolDependencies } from '../shared/user-pool-dependencies';

/** GET /shop/{id}: the owner's own shop with its current token. Ownership is settled before the shop is read. */
export const getShop = apiHandler<UserPoolDependencies>('getShop', async ({ event, caller, deps }) => {
  const shopId = readParameters(event, getShopRequest).id;
  await requireShopOwner(caller, deps.users, shopId);
  const shop = await findShop(deps.table, shopId);
  if (!shop) throw notFound(`Shop ${shopId} not found`);
  return jsonResponse(200, toShopView(shop));
});

export const handler = getShop(productionUserPoolDependencies);
