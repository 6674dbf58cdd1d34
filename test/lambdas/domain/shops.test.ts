import { toShopRecord } from '../../../lambdas/domain/shops';
import { shopItem } from '../../../platform/table';

/** A stored shop is decoded field by field, not cast: the table's keys stay behind, a wrongly typed field is absent. */
describe('toShopRecord', () => {
  const shop = {
    shopId: '0001',
    name: 'Corner Shop',
    phoneNumber: '+41790000001',
    address: 'Main Street 1',
    shopToken: 'K7QX4M2PZ9',
    previousShopToken: 'ABCDEFGHJK',
    previousShopTokenValidUntil: 1_700_000_000_000,
    shopTokenRotatedAt: '2026-01-01T00:00:00.000Z',
  };

  it('gives back exactly the shop that was stored, without the keys stored with it', () => {
    expect(toShopRecord(shopItem(shop))).toStrictEqual(shop);
  });

  it('drops optional fields of the wrong type, so a token that is not a string admits nobody', () => {
    const stored = { ...shopItem(shop), shopToken: 123, previousShopToken: null, previousShopTokenValidUntil: '1700000000000' };
    expect(toShopRecord(stored)).toStrictEqual({
      shopId: '0001',
      name: 'Corner Shop',
      phoneNumber: '+41790000001',
      address: 'Main Street 1',
      shopTokenRotatedAt: '2026-01-01T00:00:00.000Z',
    });
  });
});
