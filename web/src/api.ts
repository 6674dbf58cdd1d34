import type { components } from '../../openapi/api-types.generated';
import type { AppConfig } from './config';
import type { Identity } from './identity';
import { signedFetch, type SignedRequest } from './signed-fetch';

type Schemas = components['schemas'];
export type Product = Schemas['Product'];
export type Order = Schemas['Order'];
export type OrderPage = Schemas['OrderPage'];
export type Shop = Schemas['Shop'];
export type Sales = Schemas['Sales'];
export type ServiceStats = Schemas['ServiceStats'];
export type PlaceOrderRequest = Schemas['PlaceOrderRequest'];

/** The platform's API, each call signed with the caller's current credentials; types from the OpenAPI definition. */
export class ShopApi {
  constructor(
    private readonly config: AppConfig,
    private readonly identity: Identity,
  ) {}

  private async call<T>(request: SignedRequest): Promise<T> {
    const credentials = await this.identity.current();
    return (await signedFetch(this.config.apiUrl, this.config.region, credentials, request)) as T;
  }

  products(shopId: string, shopToken: string): Promise<Schemas['ProductList']> {
    return this.call({ method: 'GET', path: `/products?${new URLSearchParams({ shopId, shopToken })}` });
  }

  placeOrder(shopToken: string, order: PlaceOrderRequest, idempotencyKey: string): Promise<Schemas['OrderCreated']> {
    return this.call({ method: 'POST', path: `/order?${new URLSearchParams({ shopToken })}`, body: order, headers: { 'Idempotency-Key': idempotencyKey } });
  }

  order(orderId: string): Promise<Order> {
    return this.call({ method: 'GET', path: `/order/${encodeURIComponent(orderId)}` });
  }

  myOrders(nextToken?: string): Promise<OrderPage> {
    return this.call({ method: 'GET', path: `/orders${nextToken ? `?${new URLSearchParams({ nextToken })}` : ''}` });
  }

  shop(shopId: string): Promise<Shop> {
    return this.call({ method: 'GET', path: `/shop/${encodeURIComponent(shopId)}` });
  }

  shopOrders(shopId: string, limit: number, nextToken?: string): Promise<OrderPage> {
    const query = new URLSearchParams({ limit: String(limit), ...(nextToken ? { nextToken } : {}) });
    return this.call({ method: 'GET', path: `/shop/${encodeURIComponent(shopId)}/orders?${query}` });
  }

  sales(shopId: string): Promise<Sales> {
    return this.call({ method: 'GET', path: `/shop/${encodeURIComponent(shopId)}/sales` });
  }

  rotateToken(shopId: string): Promise<Schemas['ShopToken']> {
    return this.call({ method: 'POST', path: `/shop/${encodeURIComponent(shopId)}/token` });
  }

  serviceStats(): Promise<ServiceStats> {
    return this.call({ method: 'GET', path: '/service-stats' });
  }
}
