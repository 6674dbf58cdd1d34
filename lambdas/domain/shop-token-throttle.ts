import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { shopTokenPolicy } from '../../platform/shop-token-policy';
import { itemKeys, ordersTable, type ShopRecord } from '../../platform/table';
import type { Table } from '../shared/table';

/**
 * Bounds token guessing: one caller gets `maxFailedAttemptsPerRotation` wrong
 * tokens per shop per rotation. The counter lives in
 * `itemKeys.shopTokenAttempts` (per caller, shop and rotation), so a
 * rotation starts a fresh budget, and expires through the table's TTL a day later.
 *
 * An attempt is reserved before the token is compared and given back when the
 * token was right. With the reservation conditional on the budget, concurrent
 * guesses cannot slip past the bound between a read and a write.
 *
 * Giving the attempt back also marks the caller admitted for this rotation:
 * they have shown they know its token, so their later calls compare it
 * without a reservation (one read instead of two writes). Nothing is learnt
 * from those comparisons that the caller did not know already, and a new
 * rotation is a new counter without the mark.
 */
export interface ThrottleKey {
  PK: string;
  SK: string;
}

const retentionSeconds = 24 * 60 * 60;
const admittedAttribute = 'admitted';

export function throttleKey(customerId: string, shop: Pick<ShopRecord, 'shopId' | 'shopTokenRotatedAt'>): ThrottleKey {
  return itemKeys.shopTokenAttempts(customerId, shop.shopId, shop.shopTokenRotatedAt);
}

/** Whether the caller has already shown this rotation's token (strongly consistent: a mark just written counts). */
export async function admittedBefore(table: Table, key: ThrottleKey): Promise<boolean> {
  const { Item } = await table.documents.send(
    new GetCommand({ TableName: table.name, Key: key, ConsistentRead: true, ProjectionExpression: admittedAttribute }),
  );
  return Item?.[admittedAttribute] === true;
}

/** `false` when the caller has used up this rotation's budget. */
export async function reserveTokenAttempt(table: Table, key: ThrottleKey, nowMs: number): Promise<boolean> {
  try {
    await table.documents.send(
      new UpdateCommand({
        TableName: table.name,
        Key: key,
        UpdateExpression: 'ADD failedAttempts :one SET #expiration = :expiration',
        ExpressionAttributeNames: { '#expiration': ordersTable.timeToLiveAttribute },
        ConditionExpression: 'attribute_not_exists(failedAttempts) OR failedAttempts < :budget',
        ExpressionAttributeValues: {
          ':one': 1,
          ':budget': shopTokenPolicy.maxFailedAttemptsPerRotation,
          ':expiration': Math.floor(nowMs / 1000) + retentionSeconds,
        },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/** The token was right: the reserved attempt does not count against the caller, who is admitted for this rotation. */
export async function releaseTokenAttempt(table: Table, key: ThrottleKey): Promise<void> {
  try {
    await table.documents.send(
      new UpdateCommand({
        TableName: table.name,
        Key: key,
        UpdateExpression: 'ADD failedAttempts :minusOne SET #admitted = :admitted',
        ExpressionAttributeNames: { '#admitted': admittedAttribute },
        // Never recreate a counter that has expired meanwhile as a negative one.
        ConditionExpression: 'failedAttempts > :zero',
        ExpressionAttributeValues: { ':minusOne': -1, ':zero': 0, ':admitted': true },
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}
