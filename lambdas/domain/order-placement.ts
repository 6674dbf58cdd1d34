import type { OrderRecord } from '../../platform/table';
import type { OrderContext } from './order-context';
import type { Table } from '../shared/table';
import { idempotencyLifetimeSeconds, requestHash, type IdempotencyScope } from './idempotency-records';
import { priceOrder, type RequestedItem } from './order-pricing';
import { writeOrderWithAggregates } from './order-transaction';
import { newOrderRecord } from './orders';

/** The body of POST /order, once it has passed the schema. */
export type OrderRequest = {
  shopId: string;
  phoneNumber: string;
  name: string;
  items: RequestedItem[];
};

export type Placement =
  | { placed: true; order: OrderRecord }
  | { placed: false; missingProductId: string }
  /** Another request with the same Idempotency-Key was placed first: its record answers this one. */
  | { placed: false; idempotencyKeyTaken: true };

/**
 * Prices the request from the shop's catalogue (the requested products that
 * exist, by id, as the caller read them with `readOrderContext`) and writes the order under a
 * fresh random id, together with its idempotency record (when the request has
 * a key) and the shop's and the platform's aggregates, in one transaction.
 */
export async function placeOrder(
  table: Table,
  {
    customerId,
    request,
    context: { catalogue, knownCustomer },
    nowMs,
    idempotency,
  }: {
    customerId: string;
    request: OrderRequest;
    context: Pick<OrderContext, 'catalogue' | 'knownCustomer'>;
    nowMs: number;
    idempotency?: IdempotencyScope;
  },
): Promise<Placement> {
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
  const outcome = await writeOrderWithAggregates(table, {
    order,
    nowMs,
    knownCustomer,
    idempotency: idempotency && {
      scope: idempotency,
      record: { requestHash: requestHash(request), expiration: Math.floor(nowMs / 1000) + idempotencyLifetimeSeconds },
    },
  });
  return outcome.written ? { placed: true, order: outcome.order } : { placed: false, idempotencyKeyTaken: true };
}
