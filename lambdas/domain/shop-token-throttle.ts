import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
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
 */
export interface ThrottleKey {
  PK: string;
  SK: string;
}

const retentionSeconds = 24 * 60 * 60;

export function throttleKey(customerId: string, shop: Pick<ShopRecord, 'shopId' | 'shopTokenRotatedAt'>): ThrottleKey {
  return itemKeys.shopTokenAttempts(customerId, shop.shopId, shop.shopTokenRotatedAt);
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

/** The token was right: the reserved attempt does not count against the caller. */
export async function releaseTokenAttempt(table: Table, key: ThrottleKey): Promise<void> {
  try {
    await table.documents.send(
      new UpdateCommand({
        TableName: table.name,
        Key: key,
        UpdateExpression: 'ADD failedAttempts :minusOne',
        // Never recreate a counter that has expired meanwhile as a negative one.
        ConditionExpression: 'failedAttempts > :zero',
        ExpressionAttributeValues: { ':minusOne': -1, ':zero': 0 },
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}
