import { statsFromCounts } from '../../../lambdas/domain/service-stats';

describe('statsFromCounts', () => {
  it('gives zeros, not NaN, for an empty platform', () => {
    expect(statsFromCounts({ shops: 0, orders: 0, customers: 0 })).toEqual({
      totalNumberOfShops: 0,
      averageNumberOfOrdersPerShop: 0,
      totalNumberOfCustomers: 0,
      averageNumberOfOrdersPerCustomer: 0,
    });
  });

  it('gives zero averages for shops without orders', () => {
    expect(statsFromCounts({ shops: 3, orders: 0, customers: 0 })).toMatchObject({ averageNumberOfOrdersPerShop: 0, averageNumberOfOrdersPerCustomer: 0 });
  });

  it('divides orders by shops and by distinct customers', () => {
    expect(statsFromCounts({ shops: 4, orders: 10, customers: 3 })).toEqual({
      totalNumberOfShops: 4,
      averageNumberOfOrdersPerShop: 2.5,
      totalNumberOfCustomers: 3,
      averageNumberOfOrdersPerCustomer: 10 / 3,
    });
  });
});
