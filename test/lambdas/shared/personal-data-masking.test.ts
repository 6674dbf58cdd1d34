import { maskPersonalData } from '../../../lambdas/shared/personal-data-masking';

describe('maskPersonalData', () => {
  it('masks names and phone numbers at any depth and leaves the rest', () => {
    const order = { orderId: 'o1', name: 'Ada', phoneNumber: '+41791234567', items: [{ productId: 'p', quantity: 2 }] };
    expect(maskPersonalData({ order, list: [order], amount: 3 })).toEqual({
      order: { orderId: 'o1', name: '***', phoneNumber: '***', items: [{ productId: 'p', quantity: 2 }] },
      list: [{ orderId: 'o1', name: '***', phoneNumber: '***', items: [{ productId: 'p', quantity: 2 }] }],
      amount: 3,
    });
  });

  it('masks anything shaped like a phone number, wherever it is', () => {
    expect(maskPersonalData({ note: 'call +41791234567 now' })).toEqual({ note: 'call *** now' });
  });

  it('keeps errors for the logger to format and copes with cycles', () => {
    const error = new Error('boom');
    const cyclic: Record<string, unknown> = { name: 'x' };
    cyclic.self = cyclic;
    expect(maskPersonalData({ error })).toEqual({ error });
    expect(maskPersonalData(cyclic)).toEqual({ name: '***', self: '[Circular]' });
  });
});
