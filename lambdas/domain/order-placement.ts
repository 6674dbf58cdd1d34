import type { OrderRecord } from '../../platform/table';
import type { Table } from '../shared/table';
import { priceOrder, type RequestedItem } from './order-pricing';
import { newOrderRecord, saveNewOrder } from './orders';
import { findProducts } from './products';

/** The body of POST /order, once it has passed the schema. */
export type OrderRequest = {
  shopId: string;
  phoneNumber: string;
  name: string;
  items: RequestedItem[];
};

export type Placement = { placed: true; order: OrderRecord } | { placed: false; missingProductId: string };

/** Prices the request from the shop's catalogue and stores the order under a fresh random id. */
export async function placeOrder(
  table: Table,
  { customerId, request, nowMs }: { customerId: string; request: OrderRequest; nowMs: number },
): Promise<Placement> {
  const catalogue = await findProducts(
    table,
    request.shopId,
    request.items.map((item) => item.productId),
  );
  const priced = priceOrder(request.items, catalogue);
  if (!priced.ok) return { placed: false, missingProductId: priced.missingProductId };
  const order = newOrderRecord({
    shopId: request.shopId,
    customerId,
    name: request.name,
    phoneNumber: request.phoneNumber,
    lines: priced.lines,
    amount: priced.amount,
    nowMs,
  });
  await saveNewOrder(table, order);
  return { placed: true, order };
}
