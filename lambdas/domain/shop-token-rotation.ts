import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { itemKeys } from '../../platform/table';
import type { Table } from '../shared/table';
import { generateShopToken } from './shop-token';

export interface RotationClock {
  nowMs: number;
  graceMs: number;
}

/**
 * Gives a shop a new token. The current token moves to `previousShopToken`
 * inside the same conditional UpdateItem, so concurrent rotations each demote
 * whatever is current at that instant and no grace token is ever lost; no read
 * comes first, so nothing can go stale in between.
 *
 * Returns the new token, or `undefined` when the shop does not exist.
 */
export async function rotateShopToken(
  table: Table,
  shopId: string,
  { nowMs, graceMs }: RotationClock,
  newToken: string = generateShopToken(),
): Promise<string | undefined> {
  const rotatedAt = new Date(nowMs).toISOString();
  const key = itemKeys.shop(shopId);
  const demoteCurrent = () =>
    table.documents.send(
      new UpdateCommand({
        TableName: table.name,
        Key: key,
        UpdateExpression:
          'SET previousShopToken = shopToken, previousShopTokenValidUntil = :validUntil, shopToken = :token, shopTokenRotatedAt = :rotatedAt',
        ConditionExpression: 'attribute_exists(shopToken)',
        ExpressionAttributeValues: { ':validUntil': nowMs + graceMs, ':token': newToken, ':rotatedAt': rotatedAt },
      }),
    );
  const issueFirst = () =>
    table.documents.send(
      new UpdateCommand({
        TableName: table.name,
        Key: key,
        UpdateExpression: 'SET shopToken = :token, shopTokenRotatedAt = :rotatedAt REMOVE previousShopToken, previousShopTokenValidUntil',
        ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(shopToken)',
        ExpressionAttributeValues: { ':token': newToken, ':rotatedAt': rotatedAt },
      }),
    );
  // A shop that has a token keeps one, so after a failed first issue (someone
  // else issued it meanwhile) one more demotion settles it; if that fails too
  // the shop is gone.
  for (const attempt of [demoteCurrent, issueFirst, demoteCurrent]) {
    try {
      await attempt();
      return newToken;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }
  return undefined;
}
