import { GetCommand, paginateScan } from '@aws-sdk/lib-dynamodb';
import { itemKeys, type ShopRecord } from '../../platform/table';
import type { Table } from '../shared/table';

/** Shop records: reading one, listing all, and what an owner gets to see. */
export interface ShopView {
  shopId: string;
  name: string;
  phoneNumber: string;
  address: string;
  /** `null` until the shop's first rotation. */
  shopToken: string | null;
}

/** Strongly consistent, so a token checked right after a rotation is checked against that rotation. */
export async function findShop(table: Table, shopId: string): Promise<ShopRecord | undefined> {
  const { Item } = await table.documents.send(
    new GetCommand({ TableName: table.name, Key: itemKeys.shop(shopId), ConsistentRead: true }),
  );
  return Item ? toShopRecord(Item) : undefined;
}

/**
 * A stored shop item as a ShopRecord, field by field: the table's keys and
 * anything else stored beside the shop's fields stay behind, and an optional
 * field of the wrong type counts as absent (a token that is not a string
 * admits nobody).
 */
export function toShopRecord(item: Record<string, unknown>): ShopRecord {
  const record: ShopRecord = {
    shopId: String(item.shopId),
    name: String(item.name),
    phoneNumber: String(item.phoneNumber),
    address: String(item.address),
  };
  if (typeof item.shopToken === 'string') record.shopToken = item.shopToken;
  if (typeof item.previousShopToken === 'string') record.previousShopToken = item.previousShopToken;
  if (typeof item.previousShopTokenValidUntil === 'number') record.previousShopTokenValidUntil = item.previousShopTokenValidUntil;
  if (typeof item.shopTokenRotatedAt === 'string') record.shopTokenRotatedAt = item.shopTokenRotatedAt;
  return record;
}

export function toShopView(shop: ShopRecord): ShopView {
  return {
    shopId: shop.shopId,
    name: shop.name,
    phoneNumber: shop.phoneNumber,
    address: shop.address,
    shopToken: shop.shopToken ?? null,
  };
}

/** Every shop id on the platform, page by page to the end of the table. */
export async function* allShopIds(table: Table): AsyncGenerator<string> {
  const pages = paginateScan(
    { client: table.documents },
    {
      TableName: table.name,
      FilterExpression: 'entityType = :shop',
      ProjectionExpression: 'shopId',
      ExpressionAttributeValues: { ':shop': 'shop' },
    },
  );
  for await (const page of pages) {
    for (const item of page.Items ?? []) {
      if (typeof item.shopId === 'string') yield item.shopId;
    }
  }
}
