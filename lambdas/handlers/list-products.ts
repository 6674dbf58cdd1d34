import { readShopCatalogue } from '../domain/products';
import { apiHandler } from '../shared/api-handler';
import { productionDependencies } from '../shared/dependencies';
import { jsonResponse } from '../shared/http-response';
import { readParameters } from '../shared/request';
import { listProductsRequest } from '../shared/request-rules.generated';
import { requireShopAdmission } from '../shared/shop-admission';

/** GET /products?shopId&shopToken: the catalogue of the shop the customer is standing in. */
export const listProducts = apiHandler('listProducts', async ({ event, caller, deps }) => {
  const { shopId, shopToken } = readParameters(event, listProductsRequest);
  const { shop, products } = await readShopCatalogue(deps.table, shopId);
  await requireShopAdmission(deps, caller, { shopId, shop }, shopToken);
  return jsonResponse(200, { shopId, productsList: products });
});

export const handler = listProducts(productionDependencies);
