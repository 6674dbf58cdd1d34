/**
 * The single DynamoDB table: its schema (used by the data stack, the offline
 * runtime and the tests to create it) and the key layout of every item kind.
 */
export const ordersTable = {
  nameSuffix: 'OrdersTable',
  partitionKey: 'PK',
  sortKey: 'SK',
  /** Idempotency records expire through this attribute (epoch seconds). */
  timeToLiveAttribute: 'expiration',
  indexes: {
    /** A shop's orders, newest last by `GSI1-SK`. */
    shopOrders: { name: 'GSI1', partitionKey: 'GSI1-PK', sortKey: 'GSI1-SK' },
    /** A customer's orders, newest last by `GSI2-SK`. */
    customerOrders: { name: 'GSI2', partitionKey: 'GSI2-PK', sortKey: 'GSI2-SK' },
  },
} as const;

export type TableIndex = (typeof ordersTable.indexes)[keyof typeof ordersTable.indexes];
export const tableIndexes: readonly TableIndex[] = Object.values(ordersTable.indexes);

export function tableName(prefix: string): string {
  return `${prefix}-${ordersTable.nameSuffix}`;
}

/** Every key attribute is a string. */
export const keyAttributes: readonly string[] = [
  ordersTable.partitionKey,
  ordersTable.sortKey,
  ...tableIndexes.flatMap((index) => [index.partitionKey, index.sortKey]),
];

/** A DynamoDB `CreateTable` request for the schema (on-demand, all indexes project everything). */
export function createTableRequest(name: string) {
  return {
    TableName: name,
    BillingMode: 'PAY_PER_REQUEST' as const,
    AttributeDefinitions: keyAttributes.map((attribute) => ({
      AttributeName: attribute,
      AttributeType: 'S' as const,
    })),
    KeySchema: [
      { AttributeName: ordersTable.partitionKey, KeyType: 'HASH' as const },
      { AttributeName: ordersTable.sortKey, KeyType: 'RANGE' as const },
    ],
    GlobalSecondaryIndexes: tableIndexes.map((index) => ({
      IndexName: index.name,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: 'HASH' as const },
        { AttributeName: index.sortKey, KeyType: 'RANGE' as const },
      ],
      Projection: { ProjectionType: 'ALL' as const },
    })),
  };
}

/** What kind of record an item is; stored in every item as `entityType`. */
export type EntityType = 'shop' | 'product' | 'order' | 'shopSales' | 'platformStats' | 'platformShops' | 'customer' | 'idempotency';

/**
 * How many items the platform's order and customer counters are spread over.
 * Every order adds to one of them, chosen at random: each is its own partition
 * key, so the platform's order rate is not bounded by what one item takes.
 * Readers sum all of them. Changing it needs a reconcile.
 */
export const platformStatsShards = 10;

/**
 * Customer ids, the keys a customer's orders, counters and throttles are stored
 * under: a registered user by their user-pool `sub`, a guest by their
 * identity-pool identity.
 */
export const customerIds = {
  registered: (sub: string) => `c#${sub}`,
  guest: (identityUuid: string) => `v#${identityUuid}`,
  guestPrefix: 'v#',
} as const;

/** Conditions on whether an item exists, named by the table's partition key. */
export const itemExists = `attribute_exists(${ordersTable.partitionKey})`;
export const itemIsNew = `attribute_not_exists(${ordersTable.partitionKey})`;

export const itemKeys = {
  shop: (shopId: string) => ({ PK: `SHOP#${shopId}`, SK: itemKeys.shopSortKey }),
  /** The sort key of a shop's own item, beside its products in the shop's partition. */
  shopSortKey: 'SHOP',
  product: (shopId: string, productId: string) => ({ PK: `SHOP#${shopId}`, SK: `PRODUCT#${productId}` }),
  /** Prefix of the sort keys of a shop's products, for `begins_with`. */
  productSortKeyPrefix: 'PRODUCT#',
  shopPartition: (shopId: string) => `SHOP#${shopId}`,
  order: (orderId: string) => ({ PK: `ORDER#${orderId}`, SK: 'ORDER' }),
  shopOrdersPartition: (shopId: string) => `SHOP#${shopId}`,
  customerOrdersPartition: (customerId: string) => `CUSTOMER#${customerId}`,
  /** Orders sort by placement time; the id breaks ties. */
  orderSortKey: (date: string, orderId: string) => `${date}#${orderId}`,
  /** A shop's order count and total, in its own partition: order writes do not share the catalogue's partition. */
  shopSales: (shopId: string) => ({ PK: `SALES#${shopId}`, SK: 'SALES' }),
  /** One of the platform's counter shards (0 ≤ shard < platformStatsShards). */
  platformStatsShard: (shard: number) => ({ PK: `PLATFORM#STATS#${shard}`, SK: 'STATS' }),
  /** The number of shops, written by the reconcile step (shops are created only by the seed). */
  platformShops: () => ({ PK: 'PLATFORM#SHOPS', SK: 'SHOPS' }),
  /** Present once a customer has placed an order: what makes the customer count distinct. */
  customer: (customerId: string) => ({ PK: `CUSTOMER#${customerId}`, SK: 'CUSTOMER' }),
  /** A caller's Idempotency-Key for an operation, by the hash of both (one partition per key: no hot spot). */
  idempotency: (operation: string, scopeHash: string) => ({ PK: `IDEMPOTENCY#${scopeHash}`, SK: operation }),
  /** A caller's wrong-token count for one shop and one rotation: a rotation starts a fresh one. */
  shopTokenAttempts: (customerId: string, shopId: string, rotatedAt: string | undefined) => ({
    PK: `THROTTLE#${customerId}`,
    SK: `SHOP#${shopId}#${rotatedAt ?? 'never-rotated'}`,
  }),
};

/** A shop's sales as its aggregate item holds them. */
export interface ShopSalesRecord {
  shopId: string;
  orderCount: number;
  /** Sum of the orders' amounts, smallest currency unit. */
  totalAmount: number;
}

/** One shard of the platform's counters. */
export interface PlatformStatsShardRecord {
  orders: number;
  /** Customers whose first order this shard counted. */
  customers: number;
}

export interface ShopRecord {
  shopId: string;
  name: string;
  phoneNumber: string;
  address: string;
  /** Absent until the first rotation: a shop without a token accepts no customer. */
  shopToken?: string;
  /** The token before the last rotation, accepted until `previousShopTokenValidUntil`. */
  previousShopToken?: string;
  /** Epoch milliseconds. */
  previousShopTokenValidUntil?: number;
  shopTokenRotatedAt?: string;
}

export interface ProductRecord {
  shopId: string;
  productId: string;
  name: string;
  description: string;
  /** Smallest currency unit. */
  price: number;
}

export interface OrderLine {
  productId: string;
  name: string;
  quantity: number;
  /** Unit price at the time of the order, smallest currency unit. */
  price: number;
}

export type OrderStatus = 'PLACED';

export interface OrderRecord {
  orderId: string;
  shopId: string;
  /** `v#<identity uuid>` for guests, `c#<user sub>` for registered users. */
  customerId: string;
  /** ISO-8601 placement time. */
  date: string;
  name: string;
  phoneNumber: string;
  items: OrderLine[];
  /** Sum of price × quantity, smallest currency unit. */
  amount: number;
  status: OrderStatus;
}

export function shopItem(shop: ShopRecord) {
  return { ...itemKeys.shop(shop.shopId), entityType: 'shop' as EntityType, ...shop };
}

export function productItem(product: ProductRecord) {
  return { ...itemKeys.product(product.shopId, product.productId), entityType: 'product' as EntityType, ...product };
}

export function orderItem(order: OrderRecord) {
  const sortKey = itemKeys.orderSortKey(order.date, order.orderId);
  return {
    ...itemKeys.order(order.orderId),
    [ordersTable.indexes.shopOrders.partitionKey]: itemKeys.shopOrdersPartition(order.shopId),
    [ordersTable.indexes.shopOrders.sortKey]: sortKey,
    [ordersTable.indexes.customerOrders.partitionKey]: itemKeys.customerOrdersPartition(order.customerId),
    [ordersTable.indexes.customerOrders.sortKey]: sortKey,
    entityType: 'order' as EntityType,
    ...order,
  };
}
