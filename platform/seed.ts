import { customerIds, orderItem, productItem, shopItem, type OrderRecord, type ProductRecord, type ShopRecord } from './table';
import { testUsers, type TestUserKey } from './test-users';

/**
 * The seed catalogue both forms load: two shops with two products each and one
 * order per registered test customer in each shop. Shops start without a token;
 * the rotation function gives each one its first token once deployed.
 */
export const seedShops: readonly ShopRecord[] = [
  { shopId: '0001', name: 'Corner Bakery', phoneNumber: '+41440000001', address: 'Bahnhofstrasse 1, 8001 Zurich' },
  { shopId: '0002', name: 'Harbour Books', phoneNumber: '+41220000002', address: 'Quai du Mont-Blanc 2, 1201 Geneva' },
];

export const seedProducts: readonly ProductRecord[] = [
  { shopId: '0001', productId: '0011', name: 'Sourdough loaf', description: 'Naturally leavened, 800 g', price: 110 },
  { shopId: '0001', productId: '0012', name: 'Butter croissant', description: 'Baked this morning', price: 120 },
  { shopId: '0002', productId: '0021', name: 'City guide', description: 'Paperback, 240 pages', price: 1990 },
  { shopId: '0002', productId: '0022', name: 'Postcard set', description: 'Ten harbour views', price: 850 },
];

export interface SeedOrder {
  orderId: string;
  shopId: string;
  customer: TestUserKey;
  date: string;
  items: readonly { productId: string; quantity: number }[];
}

export const seedOrders: readonly SeedOrder[] = [
  {
    orderId: '6b0628ae-6062-4368-84f9-0d43b6a7d9d3',
    shopId: '0001',
    customer: 'registeredCustomer1',
    date: '2026-01-15T09:30:00.000Z',
    items: [
      { productId: '0011', quantity: 2 },
      { productId: '0012', quantity: 1 },
    ],
  },
  {
    orderId: '2b24f8ec-7f02-4756-9c0d-79d1beeff7ab',
    shopId: '0002',
    customer: 'registeredCustomer1',
    date: '2026-01-16T14:05:00.000Z',
    items: [{ productId: '0021', quantity: 1 }],
  },
];

/** The customer key of a registered user, as the handlers derive it. */
export function registeredCustomerId(sub: string): string {
  return customerIds.registered(sub);
}

function seedOrderRecord(order: SeedOrder, customerSub: string): OrderRecord {
  const customer = testUsers[order.customer];
  const items = order.items.map(({ productId, quantity }) => {
    const product = seedProducts.find((p) => p.shopId === order.shopId && p.productId === productId);
    if (!product) throw new Error(`Seed order ${order.orderId} names unknown product ${productId}`);
    return { productId, name: product.name, quantity, price: product.price };
  });
  return {
    orderId: order.orderId,
    shopId: order.shopId,
    customerId: registeredCustomerId(customerSub),
    date: order.date,
    name: customer.name,
    phoneNumber: customer.phoneNumber,
    items,
    amount: items.reduce((sum, item) => sum + item.price * item.quantity, 0),
    status: 'PLACED',
  };
}

export interface SeedItem {
  /** A stable name for the item, e.g. for Terraform resource ids. */
  id: string;
  item: Record<string, unknown>;
}

/**
 * Every seed item, in DynamoDB document form. `subOf` gives a test user's
 * `sub`; orders of users it cannot resolve (test users switched off) are left out.
 */
export function seedItems(subOf: (user: TestUserKey) => string | undefined): SeedItem[] {
  const items: SeedItem[] = [
    ...seedShops.map((shop) => ({ id: `shop-${shop.shopId}`, item: shopItem(shop) })),
    ...seedProducts.map((product) => ({
      id: `product-${product.shopId}-${product.productId}`,
      item: productItem(product),
    })),
  ];
  for (const order of seedOrders) {
    const sub = subOf(order.customer);
    if (sub !== undefined) {
      items.push({ id: `order-${order.shopId}-${order.customer}`, item: orderItem(seedOrderRecord(order, sub)) });
    }
  }
  return items;
}
