import { randomInt, randomUUID } from 'node:crypto';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { itemIsNew, itemExists, itemKeys, orderItem, ordersTable, platformStatsShards, type OrderRecord } from '../../platform/table';
import type { Table } from '../shared/table';
import { idempotencyItem, type IdempotencyRecord, type IdempotencyScope } from './idempotency-records';

/**
 * An order, its idempotency record, the shop's sales and the platform's
 * counters, written in one TransactWriteItems: all of it or none of it. The
 * order is conditional on its id being new; the idempotency record on the key
 * being unused; a first order also writes the customer's marker (conditional
 * on being absent) and counts one more customer, a later one checks the marker
 * exists. A condition that fails because another order got there first is
 * read again and the transaction retried, so the counts stay exact under any
 * concurrency.
 */
export interface OrderWrite {
  order: OrderRecord;
  /** Present when the request carried an Idempotency-Key. */
  idempotency?: { scope: IdempotencyScope; record: Omit<IdempotencyRecord, 'orderId'> };
  nowMs: number;
  /**
   * Whether the customer's marker existed when the caller read it (with the
   * shop and the products, in one batch). The first attempt goes by it; the
   * marker's condition catches a stale answer, and every retry reads the marker.
   */
  knownCustomer?: boolean;
}

export type OrderWriteOutcome =
  | { written: true; order: OrderRecord; newCustomer: boolean }
  /** Another request with the same key was written first: read its record. */
  | { written: false; idempotencyKeyTaken: true };

const maxAttempts = 8;

type Reason = { Code?: string };

async function isKnownCustomer(table: Table, customerId: string): Promise<boolean> {
  const { Item } = await table.documents.send(
    new GetCommand({ TableName: table.name, Key: itemKeys.customer(customerId), ConsistentRead: true, ProjectionExpression: 'PK' }),
  );
  return Item !== undefined;
}

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

function transactItems(TableName: string, write: OrderWrite, order: OrderRecord, knownCustomer: boolean): TransactItem[] {
  const items: TransactItem[] = [
    { Put: { TableName, Item: orderItem(order), ConditionExpression: itemIsNew } },
    {
      Update: {
        TableName,
        Key: itemKeys.shopSales(order.shopId),
        UpdateExpression: 'ADD orderCount :one, totalAmount :amount SET shopId = :shopId, entityType = :type',
        ExpressionAttributeValues: { ':one': 1, ':amount': order.amount, ':shopId': order.shopId, ':type': 'shopSales' },
      },
    },
    {
      Update: {
        TableName,
        Key: itemKeys.platformStatsShard(randomInt(platformStatsShards)),
        UpdateExpression: 'ADD orders :one, customers :customers SET entityType = :type',
        ExpressionAttributeValues: { ':one': 1, ':customers': knownCustomer ? 0 : 1, ':type': 'platformStats' },
      },
    },
    knownCustomer
      ? { ConditionCheck: { TableName, Key: itemKeys.customer(order.customerId), ConditionExpression: itemExists } }
      : {
          Put: {
            TableName,
            Item: { ...itemKeys.customer(order.customerId), entityType: 'customer', customerId: order.customerId, firstOrderAt: order.date },
            ConditionExpression: itemIsNew,
          },
        },
  ];
  if (write.idempotency) {
    items.push({
      Put: {
        TableName,
        Item: idempotencyItem(write.idempotency.scope, { ...write.idempotency.record, orderId: order.orderId }),
        // A record TTL has not removed yet but that has expired is free to take.
        ConditionExpression: `${itemIsNew} OR #expiration <= :now`,
        ExpressionAttributeNames: { '#expiration': ordersTable.timeToLiveAttribute },
        ExpressionAttributeValues: { ':now': Math.floor(write.nowMs / 1000) },
      },
    });
  }
  return items;
}

/** Where each conditional item sits in the transaction, to read its cancellation reason. */
const orderIndex = 0;
const markerIndex = 3;
const idempotencyIndex = 4;

const pause = (attempt: number) => new Promise((resolve) => setTimeout(resolve, randomInt(10, 20) * 2 ** attempt));

export async function writeOrderWithAggregates(table: Table, write: OrderWrite): Promise<OrderWriteOutcome> {
  let order = write.order;
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    const knownCustomer = attempt === 0 && write.knownCustomer !== undefined ? write.knownCustomer : await isKnownCustomer(table, order.customerId);
    try {
      await table.documents.send(new TransactWriteCommand({ TransactItems: transactItems(table.name, write, order, knownCustomer) }));
      return { written: true, order, newCustomer: !knownCustomer };
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons: Reason[] = error.CancellationReasons ?? [];
      const failed = (index: number) => reasons[index]?.Code === 'ConditionalCheckFailed';
      if (write.idempotency && failed(idempotencyIndex)) return { written: false, idempotencyKeyTaken: true };
      if (failed(orderIndex)) order = { ...order, orderId: randomUUID() };
      else if (failed(markerIndex)) continue; // Another first order of this customer, or none yet: read the marker again.
      else if (reasons.some((reason) => reason.Code === 'TransactionConflict' || reason.Code === 'ThrottlingError')) await pause(attempt);
      else throw error;
    }
  }
  throw new Error(`The order could not be written after ${maxAttempts} attempts: its items kept changing`);
}
