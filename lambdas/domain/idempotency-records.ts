import { createHash } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { itemKeys, ordersTable } from '../../platform/table';
import type { Table } from '../shared/table';

/**
 * What an `Idempotency-Key` remembers: which request it was used for and what
 * that request produced. The record is written in the same transaction as the
 * order it stands for, so there is never an order without its record or a
 * record without its order, whatever crashes in between.
 *
 * The record's key hashes the caller's customer id with the header value, so
 * two callers who pick the same key never share a record, and the stored
 * result is only ever returned to the caller who produced it. The request is
 * hashed separately: the same key with another request is a conflict.
 */
export interface IdempotencyScope {
  operation: string;
  customerId: string;
  idempotencyKey: string;
}

export interface IdempotencyRecord {
  requestHash: string;
  orderId: string;
  /** Epoch seconds; DynamoDB's TTL removes the record some time after. */
  expiration: number;
}

/** Keys are remembered for a day. */
export const idempotencyLifetimeSeconds = 24 * 60 * 60;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** JSON with object keys sorted, so the same request always hashes the same. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, member]) => member !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([name, member]) => `${JSON.stringify(name)}:${canonicalJson(member)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function requestHash(request: unknown): string {
  return sha256(canonicalJson(request));
}

export function idempotencyKeyOf(scope: IdempotencyScope) {
  return itemKeys.idempotency(scope.operation, sha256(JSON.stringify([scope.customerId, scope.idempotencyKey])));
}

/** The live record for this caller and key, if any (an expired one TTL has not removed yet counts as none). */
export async function findIdempotencyRecord(table: Table, scope: IdempotencyScope, nowMs: number): Promise<IdempotencyRecord | undefined> {
  const { Item } = await table.documents.send(
    new GetCommand({ TableName: table.name, Key: idempotencyKeyOf(scope), ConsistentRead: true }),
  );
  if (!Item) return undefined;
  const expiration = Number(Item[ordersTable.timeToLiveAttribute]);
  if (!(expiration * 1000 > nowMs)) return undefined;
  return { requestHash: String(Item.requestHash), orderId: String(Item.orderId), expiration };
}

/** The record's item, written with a placed order. */
export function idempotencyItem(scope: IdempotencyScope, record: IdempotencyRecord) {
  return {
    ...idempotencyKeyOf(scope),
    entityType: 'idempotency',
    requestHash: record.requestHash,
    orderId: record.orderId,
    [ordersTable.timeToLiveAttribute]: record.expiration,
  };
}
