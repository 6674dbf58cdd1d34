import { functions, type FunctionDefinition } from './functions';

/**
 * The REST API: which Lambda answers each operation of
 * `openapi/api-definition.yaml`. A test keeps this list and the definition in step.
 */
export const apiDefinitionFile = 'openapi/api-definition.yaml';
export const apiStage = 'prod';

export function restApiName(prefix: string): string {
  return `${prefix}-Api`;
}

export type HttpMethod = 'GET' | 'POST';

export interface Route {
  operationId: string;
  method: HttpMethod;
  /** OpenAPI path template, e.g. `/shop/{id}/orders`. */
  path: string;
  function: FunctionDefinition;
}

export const routes: readonly Route[] = [
  { operationId: 'listProducts', method: 'GET', path: '/products', function: functions.listProducts },
  { operationId: 'placeOrder', method: 'POST', path: '/order', function: functions.placeOrder },
  { operationId: 'getOrder', method: 'GET', path: '/order/{id}', function: functions.getOrder },
  { operationId: 'listMyOrders', method: 'GET', path: '/orders', function: functions.listMyOrders },
  { operationId: 'getShop', method: 'GET', path: '/shop/{id}', function: functions.getShop },
  { operationId: 'rotateShopToken', method: 'POST', path: '/shop/{id}/token', function: functions.rotateShopToken },
  { operationId: 'listShopOrders', method: 'GET', path: '/shop/{id}/orders', function: functions.listShopOrders },
  { operationId: 'getShopSales', method: 'GET', path: '/shop/{id}/sales', function: functions.getShopSales },
  { operationId: 'getServiceStats', method: 'GET', path: '/service-stats', function: functions.getServiceStats },
];

export function routeByOperationId(operationId: string): Route {
  const route = routes.find((candidate) => candidate.operationId === operationId);
  if (!route) throw new Error(`No route for operation ${operationId}`);
  return route;
}
