import { itemKeys, ordersTable, passwordPolicyViolations, seedItems, seedProducts } from '../../platform';

describe('seedItems', () => {
  const items = seedItems((user) => (user === 'registeredCustomer1' ? 'sub-123' : undefined));

  it('holds two shops, two products per shop and an order per registered customer per shop', () => {
    const kinds = items.map(({ item }) => item.entityType);
    expect(kinds.filter((kind) => kind === 'shop')).toHaveLength(2);
    expect(kinds.filter((kind) => kind === 'product')).toHaveLength(4);
    expect(kinds.filter((kind) => kind === 'order')).toHaveLength(2);
  });

  it('prices seed orders from the catalogue and keys them for both indexes', () => {
    const order = items.find(({ id }) => id === 'order-0001-registeredCustomer1')!.item;
    const price = (id: string) => seedProducts.find((product) => product.productId === id)!.price;
    expect(order.amount).toBe(2 * price('0011') + price('0012'));
    expect(order.customerId).toBe('c#sub-123');
    expect(order[ordersTable.indexes.customerOrders.partitionKey]).toBe(itemKeys.customerOrdersPartition('c#sub-123'));
    expect(order[ordersTable.indexes.shopOrders.partitionKey]).toBe(itemKeys.shopOrdersPartition('0001'));
  });

  it('seeds shops without a token: the first rotation issues one', () => {
    for (const { item } of items.filter(({ item }) => item.entityType === 'shop')) {
      expect(item).not.toHaveProperty('shopToken');
    }
  });

  it('leaves out orders of users that are not created', () => {
    expect(seedItems(() => undefined).some(({ item }) => item.entityType === 'order')).toBe(false);
  });
});

describe('passwordPolicyViolations', () => {
  it.each([
    ['Abcdefg1', []],
    ['Abc1', ['Password not long enough']],
    ['abcdefg1', ['Password must have uppercase characters']],
    ['ABCDEFG1', ['Password must have lowercase characters']],
    ['Abcdefgh', ['Password must have numeric characters']],
  ])('judges %s', (password, violations) => {
    expect(passwordPolicyViolations(password)).toEqual(violations);
  });
});
