import fc from 'fast-check';
import type { ProductRecord } from '../../../platform/table';
import { duplicateProductId, priceOrder } from '../../../lambdas/domain/order-pricing';

const product = (productId: string, price: number): ProductRecord => ({ shopId: '0001', productId, name: `Product ${productId}`, description: '', price });

describe('priceOrder', () => {
  it('prices every line from the catalogue: amount = sum of price × quantity', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.record({ productId: fc.stringMatching(/^[a-z0-9]{1,8}$/), quantity: fc.integer({ min: 1, max: 99 }), price: fc.integer({ min: 0, max: 1_000_000 }) }), {
          minLength: 1,
          maxLength: 50,
          selector: (item) => item.productId,
        }),
        (items) => {
          const catalogue = new Map(items.map((item) => [item.productId, product(item.productId, item.price)]));
          const priced = priceOrder(items.map(({ productId, quantity }) => ({ productId, quantity })), catalogue);
          expect(priced).toEqual({
            ok: true,
            lines: items.map((item) => ({ productId: item.productId, name: `Product ${item.productId}`, quantity: item.quantity, price: item.price })),
            amount: items.reduce((sum, item) => sum + item.price * item.quantity, 0),
          });
        },
      ),
    );
  });

  it('names the first product the catalogue lacks', () => {
    const catalogue = new Map([['a', product('a', 5)]]);
    expect(priceOrder([{ productId: 'a', quantity: 1 }, { productId: 'b', quantity: 1 }, { productId: 'c', quantity: 1 }], catalogue)).toEqual({ ok: false, missingProductId: 'b' });
  });
});

describe('duplicateProductId', () => {
  it('finds the first repeated product id, or none', () => {
    expect(duplicateProductId([{ productId: 'a', quantity: 1 }, { productId: 'b', quantity: 1 }])).toBeUndefined();
    expect(duplicateProductId([{ productId: 'a', quantity: 1 }, { productId: 'b', quantity: 1 }, { productId: 'a', quantity: 2 }])).toBe('a');
  });
});
