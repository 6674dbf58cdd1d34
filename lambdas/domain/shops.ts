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
  return Item as ShopRecord | undefined;
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
