import { itemKeys, ordersTable, type ProductRecord, type ShopRecord } from '../../platform/table';
import { batchGetItems } from '../shared/batch-get';
import type { Table } from '../shared/table';
import { toProduct } from './products';
import { toShopRecord } from './shops';

/**
 * What placing an order reads before it writes, in one strongly consistent
 * batch: the shop (its token is checked against it), the ordered products
 * that exist, by id, and whether the customer has ordered before (their
 * marker, which decides whether the order counts a new customer).
 */
export interface OrderContext {
  shop: ShopRecord | undefined;
  catalogue: Map<string, ProductRecord>;
  knownCustomer: boolean;
}

export async function readOrderContext(
  table: Table,
  request: { shopId: string; productIds: readonly string[]; customerId: string },
): Promise<OrderContext> {
  const context: OrderContext = { shop: undefined, catalogue: new Map(), knownCustomer: false };
  const shopKey = itemKeys.shop(request.shopId);
  const customerKey = itemKeys.customer(request.customerId);
  const wanted = [
    shopKey,
    customerKey,
    ...[...new Set(request.productIds)].map((productId) => itemKeys.product(request.shopId, productId)),
  ];
  const isKey = (item: Record<string, unknown>, key: { PK: string; SK: string }) =>
    item[ordersTable.partitionKey] === key.PK && item[ordersTable.sortKey] === key.SK;
  for (const item of await batchGetItems(table, wanted, 'The order')) {
    if (isKey(item, shopKey)) context.shop = toShopRecord(item);
    else if (isKey(item, customerKey)) context.knownCustomer = true;
    else {
      const product = toProduct(item);
      context.catalogue.set(product.productId, product);
    }
  }
  return context;
}
