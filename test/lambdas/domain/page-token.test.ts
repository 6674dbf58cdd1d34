import fc from 'fast-check';
import { ordersTable } from '../../../platform/table';
import { decodePageToken, encodePageToken, InvalidPageTokenError } from '../../../lambdas/domain/page-token';

const index = ordersTable.indexes.shopOrders;
const partition = 'SHOP#0001';
const orderId = '6b0628ae-6062-4368-84f9-0d43b6a7d9d3';
const key = {
  PK: `ORDER#${orderId}`,
  SK: 'ORDER',
  'GSI1-PK': partition,
  'GSI1-SK': `2026-01-15T09:30:00.000Z#${orderId}`,
};

describe('page tokens', () => {
  it('are base64url and give back the key they were made from', () => {
    const token = encodePageToken(index, key);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodePageToken(index, partition, token)).toEqual(key);
  });

  it("are refused by another partition's listing and by the other index", () => {
    const token = encodePageToken(index, key);
    expect(() => decodePageToken(index, 'SHOP#0002', token)).toThrow(InvalidPageTokenError);
    expect(() => decodePageToken(ordersTable.indexes.customerOrders, partition, token)).toThrow(InvalidPageTokenError);
  });

  it('never decode to a key outside the partition or of another shape, however they are edited', () => {
    const token = encodePageToken(index, key);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: token.length - 1 }),
        fc.constantFrom(...alphabet),
        fc.string({ maxLength: 8 }),
        (at, replacement, suffix) => {
          for (const edited of [token.slice(0, at) + replacement + token.slice(at + 1), token + suffix, token.slice(0, at)]) {
            let decoded: Record<string, string> | undefined;
            try {
              decoded = decodePageToken(index, partition, edited);
            } catch (error) {
              expect(error).toBeInstanceOf(InvalidPageTokenError);
              continue;
            }
            expect(Object.keys(decoded).sort()).toEqual(Object.keys(key).sort());
            expect(decoded['GSI1-PK']).toBe(partition);
            expect(decoded.SK).toBe('ORDER');
            expect(decoded.PK).toMatch(/^ORDER#[0-9a-f-]{36}$/);
          }
        },
      ),
    );
  });

  it('refuses arbitrary text', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(() => decodePageToken(index, partition, text)).toThrow(InvalidPageTokenError);
      }),
    );
  });
});
