import { paginateScan } from '@aws-sdk/lib-dynamodb';
import type { Table } from '../shared/table';

/**
 * The aggregates as the orders say they should be: one strongly consistent
 * scan of the table, page by page to its end. This is what the aggregate items
 * replace on the read path; it runs only to reconcile or verify them.
 */
export interface Recount {
  /** Ids of the shops that exist. */
  shops: Set<string>;
  /** Per shop with orders: how many and their total. */
  sales: Map<string, { orderCount: number; totalAmount: number }>;
  orders: number;
  /** Distinct customers with at least one order. */
  customers: Set<string>;
  /** Customers with a marker item. */
  markedCustomers: Set<string>;
  /** Shops that have a sales aggregate item (possibly one that should not be there). */
  shopsWithSalesItem: Set<string>;
}

export async function recountFromOrders(table: Table): Promise<Recount> {
  const recount: Recount = {
    shops: new Set(),
    sales: new Map(),
    orders: 0,
    customers: new Set(),
    markedCustomers: new Set(),
    shopsWithSalesItem: new Set(),
  };
  const pages = paginateScan(
    { client: table.documents },
    {
      TableName: table.name,
      ConsistentRead: true,
      FilterExpression: 'entityType IN (:shop, :order, :customer, :sales)',
      ProjectionExpression: 'entityType, shopId, customerId, amount',
      ExpressionAttributeValues: { ':shop': 'shop', ':order': 'order', ':customer': 'customer', ':sales': 'shopSales' },
    },
  );
  for await (const page of pages) {
    for (const item of page.Items ?? []) {
      const shopId = String(item.shopId);
      switch (item.entityType) {
        case 'shop':
          recount.shops.add(shopId);
          break;
        case 'order': {
          recount.orders += 1;
          recount.customers.add(String(item.customerId));
          const sales = recount.sales.get(shopId) ?? { orderCount: 0, totalAmount: 0 };
          sales.orderCount += 1;
          sales.totalAmount += Number(item.amount);
          recount.sales.set(shopId, sales);
          break;
        }
        case 'customer':
          recount.markedCustomers.add(String(item.customerId));
          break;
        case 'shopSales':
          recount.shopsWithSalesItem.add(shopId);
          break;
      }
    }
  }
  return recount;
}
