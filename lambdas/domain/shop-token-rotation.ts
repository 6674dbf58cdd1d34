import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { itemExists, itemKeys } from '../../platform/table';
import type { Table } from '../shared/table';
import { generateShopToken } from './shop-token';

export interface RotationClock {
  nowMs: number;
  graceMs: number;
}

export type RotationResult =
  | { outcome: 'rotated'; shopToken: string }
  | { outcome: 'not-found' }
  /** The previous token is still in its grace window; a rotation now would cut it short. */
  | { outcome: 'too-soon'; previousValidUntilMs: number };

/**
 * Gives a shop a new token, keeping the grace promise: every token that was ever
 * the shop's current one stays valid for the grace period after it is replaced.
 * The shop keeps one previous token, so a rotation demotes the current token only
 * once the previous one's grace is over, checked and written in one conditional
 * UpdateItem. Concurrent rotations therefore cannot push a token still in its
 * grace out: one of them rotates, the others learn it is too soon.
 */
export async function rotateShopToken(
  table: Table,
  shopId: string,
  { nowMs, graceMs }: RotationClock,
  newToken: string = generateShopToken(),
): Promise<RotationResult> {
  const rotatedAt = new Date(nowMs).toISOString();
  const key = itemKeys.shop(shopId);
  const demoteCurrent = () =>
    table.documents.send(
      new UpdateCommand({
        TableName: table.name,
        Key: key,
        UpdateExpression:
          'SET previousShopToken = shopToken, previousShopTokenValidUntil = :validUntil, shopToken = :token, shopTokenRotatedAt = :rotatedAt',
        ConditionExpression:
          'attribute_exists(shopToken) AND (attribute_not_exists(previousShopTokenValidUntil) OR previousShopTokenValidUntil <= :now)',
        ExpressionAttributeValues: { ':validUntil': nowMs + graceMs, ':token': newToken, ':rotatedAt': rotatedAt, ':now': nowMs },
      }),
    );
  const issueFirst = () =>
    table.documents.send(
      new UpdateCommand({
        TableName: table.name,
        Key: key,
        UpdateExpression: 'SET shopToken = :token, shopTokenRotatedAt = :rotatedAt REMOVE previousShopToken, previousShopTokenValidUntil',
        ConditionExpression: `${itemExists} AND attribute_not_exists(shopToken)`,
        ExpressionAttributeValues: { ':token': newToken, ':rotatedAt': rotatedAt },
      }),
    );
  const rotated: RotationResult = { outcome: 'rotated', shopToken: newToken };

  // A failed condition says only that the shop is not as assumed: read what it
  // is and try the write that fits, a bounded number of times.
  if (await succeeds(demoteCurrent)) return rotated;
  for (let round = 0; round < 3; round++) {
    const { Item } = await table.documents.send(
      new GetCommand({
        TableName: table.name,
        Key: key,
        ConsistentRead: true,
        ProjectionExpression: 'PK, shopToken, previousShopTokenValidUntil',
      }),
    );
    if (!Item) return { outcome: 'not-found' };
    if (Item.shopToken === undefined) {
      if (await succeeds(issueFirst)) return rotated;
      continue;
    }
    const previousValidUntilMs = Item.previousShopTokenValidUntil;
    if (typeof previousValidUntilMs === 'number' && previousValidUntilMs > nowMs) return { outcome: 'too-soon', previousValidUntilMs };
    if (await succeeds(demoteCurrent)) return rotated;
  }
  throw new Error(`The token of shop ${shopId} kept changing during its rotation`);
}

async function succeeds(write: () => Promise<unknown>): Promise<boolean> {
  try {
    await write();
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}
