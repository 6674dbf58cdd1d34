import { ordersTable, type TableIndex } from '../../platform/table';

/**
 * `nextToken` of an order listing: the query's LastEvaluatedKey as base64url
 * JSON. It is opaque to clients but not secret, so a token is only accepted
 * when it decodes to exactly that query's key shape and names the caller's
 * own partition: a token from another customer's or shop's listing, or one
 * edited by hand, is refused.
 */
export class InvalidPageTokenError extends Error {
  override name = 'InvalidPageTokenError';
}

const orderPartitionKey = /^ORDER#([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;
const orderSortKey = /^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}Z#([0-9a-f-]{36})$/;

export type OrderListKey = Record<string, string>;

function keyNames(index: TableIndex): string[] {
  return [ordersTable.partitionKey, ordersTable.sortKey, index.partitionKey, index.sortKey];
}

export function encodePageToken(index: TableIndex, key: Record<string, unknown>): string {
  const ordered = Object.fromEntries(keyNames(index).map((name) => [name, key[name]]));
  return Buffer.from(JSON.stringify(ordered), 'utf8').toString('base64url');
}

export function decodePageToken(index: TableIndex, partition: string, token: string): OrderListKey {
  const refuse = () => new InvalidPageTokenError('nextToken is not a token of this listing');
  const bytes = Buffer.from(token, 'base64url');
  if (bytes.toString('base64url') !== token) throw refuse();
  let decoded: unknown;
  try {
    decoded = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw refuse();
  }
  if (decoded === null || typeof decoded !== 'object' || Array.isArray(decoded)) throw refuse();
  const entries = Object.entries(decoded);
  const names = keyNames(index);
  if (entries.length !== names.length || !entries.every(([name, value]) => names.includes(name) && typeof value === 'string')) {
    throw refuse();
  }
  const key = decoded as OrderListKey;
  const orderId = orderPartitionKey.exec(key[ordersTable.partitionKey])?.[1];
  const sortedId = orderSortKey.exec(key[index.sortKey])?.[1];
  if (
    key[index.partitionKey] !== partition ||
    key[ordersTable.sortKey] !== 'ORDER' ||
    orderId === undefined ||
    sortedId !== orderId
  ) {
    throw refuse();
  }
  return key;
}
