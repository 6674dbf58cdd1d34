import { createHash, randomUUID } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { customerIds, itemKeys, type OrderLine, type OrderRecord, type OrderStatus } from '../../platform/table';
import type { Table } from '../shared/table';
import { spreadsheetSafe } from './spreadsheet-safe';

/** Orders: a new order's record, reading one, and who may read it (writing one: order-transaction.ts). */
export interface NewOrder {
  shopId: string;
  customerId: string;
  name: string;
  phoneNumber: string;
  lines: OrderLine[];
  amount: number;
  nowMs: number;
}

export function newOrderRecord(order: NewOrder, orderId: string = randomUUID()): OrderRecord {
  return {
    orderId,
    shopId: order.shopId,
    customerId: order.customerId,
    date: new Date(order.nowMs).toISOString(),
    name: order.name,
    phoneNumber: order.phoneNumber,
    items: order.lines,
    amount: order.amount,
    status: 'PLACED',
  };
}

export async function findOrder(table: Table, orderId: string): Promise<OrderRecord | undefined> {
  const { Item } = await table.documents.send(new GetCommand({ TableName: table.name, Key: itemKeys.order(orderId) }));
  return Item ? toOrderView(Item) : undefined;
}

/** The order as the API shows it: its own fields, none of the table's keys. */
export function toOrderView(item: Record<string, unknown>): OrderRecord {
  const lines = Array.isArray(item.items) ? (item.items as Record<string, unknown>[]) : [];
  return {
    orderId: String(item.orderId),
    shopId: String(item.shopId),
    customerId: String(item.customerId),
    date: String(item.date),
    name: String(item.name),
    phoneNumber: String(item.phoneNumber),
    items: lines.map((line) => ({
      productId: String(line.productId),
      name: String(line.name),
      quantity: Number(line.quantity),
      price: Number(line.price),
    })),
    amount: Number(item.amount),
    status: String(item.status) as OrderStatus,
  };
}

/** The customer who placed it, and the owner of its shop; nobody else. */
export function mayReadOrder(order: OrderRecord, reader: { customerId: string; ownedShopId?: string }): boolean {
  return order.customerId === reader.customerId || (reader.ownedShopId !== undefined && reader.ownedShopId === order.shopId);
}

const { guestPrefix } = customerIds;

/**
 * The order as `reader` may be shown it. A guest's customer id is `v#<identity>`,
 * and an unauthenticated identity id is all GetCredentialsForIdentity asks for:
 * shown to a shop owner, it would hand them that guest's credentials and with
 * them the guest's orders in every shop. Anyone but the guest sees `v#` and the
 * SHA-256 of the id instead, which still tells one guest from another. Anyone
 * but the customer sees the customer's name made spreadsheet-safe.
 */
export function orderSeenBy(order: OrderRecord, reader: { customerId: string }): OrderRecord {
  if (order.customerId === reader.customerId) return order;
  const name = spreadsheetSafe(order.name);
  if (!order.customerId.startsWith(guestPrefix)) return { ...order, name };
  const pseudonym = createHash('sha256').update(order.customerId.slice(guestPrefix.length)).digest('hex');
  return { ...order, name, customerId: `${guestPrefix}${pseudonym}` };
}
