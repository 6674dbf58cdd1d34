import { readMethodSettings } from '../../../offline/api-gateway/method-settings';
import { RouteTable } from '../../../offline/api-gateway/route-table';
import { testDeployment } from '../../support/test-stacks';

/** Routes of the REST API body as the api stack deploys it. */
const table = new RouteTable(readMethodSettings(testDeployment().restApis[0].document, 'rest api'));
const operationAt = (method: string, path: string) => {
  const match = table.match(method, path.split('/').slice(1));
  return match.kind === 'matched' ? { id: match.method.operation.operation.operationId, params: match.pathParameters } : match.kind;
};

describe('RouteTable', () => {
  it.each([
    ['GET', '/products', { id: 'listProducts', params: {} }],
    ['POST', '/order', { id: 'placeOrder', params: {} }],
    ['GET', '/order/6b0628ae', { id: 'getOrder', params: { id: '6b0628ae' } }],
    ['GET', '/orders', { id: 'listMyOrders', params: {} }],
    ['GET', '/shop/0001', { id: 'getShop', params: { id: '0001' } }],
    ['POST', '/shop/0001/token', { id: 'rotateShopToken', params: { id: '0001' } }],
    ['GET', '/shop/0001/orders', { id: 'listShopOrders', params: { id: '0001' } }],
    ['GET', '/shop/0001/sales', { id: 'getShopSales', params: { id: '0001' } }],
    ['GET', '/service-stats', { id: 'getServiceStats', params: {} }],
  ])('routes %s %s', (method, path, expected) => {
    expect(operationAt(method, path)).toEqual(expected);
  });

  it.each([
    ['GET', '/order'],
    ['POST', '/products'],
    ['DELETE', '/order/1'],
    ['GET', '/shop/0001/token'],
    ['GET', '/shop/0001/orders/extra'],
    ['GET', '/unknown'],
  ])('finds nothing for %s %s', (method, path) => {
    expect(operationAt(method, path)).toBe('no-route');
  });
});
