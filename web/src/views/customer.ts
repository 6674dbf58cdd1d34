import type { Order, Product } from '../api';
import type { AppContext } from '../context';
import { h, money, show } from '../dom';
import { refusal } from '../refusal';

/** A customer in a shop: its products (with the token from the QR code) and an order form. */
export async function shopPage(root: HTMLElement, app: AppContext, shopId: string, shopToken: string): Promise<void> {
  show(root, h('p', {}, 'Loading the shop…'));
  let products: Product[];
  try {
    products = (await app.api.products(shopId, shopToken)).productsList;
  } catch (error) {
    show(root, h('h2', {}, `Shop ${shopId}`), refusal(error), h('p', {}, h('a', { href: '#/scan' }, 'Scan the QR code again')));
    return;
  }
  const quantities = new Map<string, HTMLInputElement>();
  const rows = products.map((product) => {
    const input = h('input', { type: 'number', min: 0, max: 100, value: 0, 'aria-label': `Quantity of ${product.name}`, name: `quantity-${product.productId}` });
    quantities.set(product.productId, input);
    return h('li', { class: 'product' }, h('span', { class: 'name' }, product.name), h('span', { class: 'description' }, product.description), h('span', { class: 'price' }, money(product.price)), input);
  });
  const name = h('input', { name: 'name', required: true, autocomplete: 'name', 'aria-label': 'Your name' });
  const phone = h('input', { name: 'phone', required: true, type: 'tel', autocomplete: 'tel', placeholder: '+41790000000', 'aria-label': 'Your phone number' });
  const outcome = h('div', { class: 'outcome' });
  // One key per filled-in order: pressing the button again after a timeout never places a second order.
  let idempotencyKey = crypto.randomUUID();
  const form = h(
    'form',
    {
      onsubmit: (event: Event) => {
        event.preventDefault();
        const items = [...quantities].map(([productId, input]) => ({ productId, quantity: Number(input.value) })).filter((item) => item.quantity > 0);
        if (items.length === 0) {
          show(outcome, h('p', { class: 'refusal', role: 'alert' }, 'Choose at least one product.'));
          return;
        }
        void app.api
          .placeOrder(shopToken, { shopId, name: name.value, phoneNumber: phone.value, items }, idempotencyKey)
          .then(({ orderId }) => {
            idempotencyKey = crypto.randomUUID();
            app.navigate(`#/order/${orderId}`);
          })
          .catch((error: unknown) => show(outcome, refusal(error)));
      },
    },
    h('ul', { class: 'products' }, ...rows),
    h('label', {}, 'Name ', name),
    h('label', {}, 'Phone ', phone),
    h('button', { type: 'submit' }, 'Place order'),
    outcome,
  );
  show(root, h('h2', {}, `Shop ${shopId}`), form);
}

function orderView(order: Order): HTMLElement {
  return h(
    'article',
    { class: 'order', 'data-order-id': order.orderId },
    h('h3', {}, `Order ${order.orderId}`),
    h('p', { class: 'status' }, `Status: ${order.status}`),
    h('p', {}, `Shop ${order.shopId} · ${new Date(order.date).toLocaleString()}`),
    h('ul', {}, ...order.items.map((line) => h('li', {}, `${line.quantity} × ${line.name} at ${money(line.price)}`))),
    h('p', { class: 'amount' }, `Total ${money(order.amount)}`),
  );
}

/** One order of the caller's, with its status. */
export async function orderPage(root: HTMLElement, app: AppContext, orderId: string): Promise<void> {
  show(root, h('p', {}, 'Loading the order…'));
  try {
    show(root, h('h2', {}, 'Your order'), orderView(await app.api.order(orderId)), h('p', {}, h('a', { href: '#/orders' }, 'All your orders')));
  } catch (error) {
    show(root, h('h2', {}, 'Your order'), refusal(error));
  }
}

/** The caller's own orders: a guest's of this session's identity, a registered customer's whole history. */
export async function myOrdersPage(root: HTMLElement, app: AppContext): Promise<void> {
  show(root, h('p', {}, 'Loading your orders…'));
  const list = h('div', { class: 'orders' });
  const more = h('div');
  const load = async (nextToken?: string) => {
    try {
      const page = await app.api.myOrders(nextToken);
      list.append(...page.orders.map(orderView));
      if (page.orders.length === 0 && !nextToken) list.append(h('p', {}, 'No orders yet.'));
      show(more, page.nextToken && h('button', { onclick: () => void load(page.nextToken) }, 'More orders'));
    } catch (error) {
      show(more, refusal(error));
    }
  };
  const note = app.identity.who.kind === 'guest' ? h('p', { class: 'note' }, 'As a guest you see the orders of this browser session. Sign in to keep your history.') : null;
  show(root, h('h2', {}, 'Your orders'), note, list, more);
  await load();
}
