import QRCode from 'qrcode';
import type { OrderPage, Shop } from '../api';
import { shopUrl, type AppContext } from '../context';
import { h, money, show } from '../dom';
import { refusal } from '../refusal';

/** How often the owner's page checks whether the token rotated (the schedule rotates it too). */
const tokenCheckMs = 15_000;
const ordersPerPage = 5;

/** A shop owner at the till: the shop's QR code, its sales and orders, and a rotate button. */
export async function ownerPage(root: HTMLElement, app: AppContext, shopId: string): Promise<void> {
  show(root, h('p', {}, 'Loading your shop…'));
  let shop: Shop;
  try {
    shop = await app.api.shop(shopId);
  } catch (error) {
    show(root, h('h2', {}, `Shop ${shopId}`), refusal(error));
    return;
  }
  const qr = h('canvas', { class: 'qr', 'aria-label': 'The shop token as a QR code' });
  const tokenText = h('p', { class: 'token' });
  const sales = h('p', { class: 'sales' });
  const orders = h('div', { class: 'orders' });
  const more = h('div');
  const problems = h('div');

  const drawToken = async (token: string | null) => {
    if (token === null) {
      show(tokenText, 'This shop has no token yet: rotate it to open the shop.');
      return;
    }
    show(tokenText, 'Token ', h('code', {}, token));
    qr.dataset.token = token;
    // Large and with a wide quiet zone: read from across a counter.
    await QRCode.toCanvas(qr, shopUrl(shop.shopId, token), { width: 360, margin: 4, errorCorrectionLevel: 'M' });
  };
  const loadSales = async () => {
    try {
      const figures = await app.api.sales(shopId);
      show(sales, `Sales: ${figures.orderCount} orders, ${money(figures.totalAmount)} in all`);
    } catch (error) {
      show(sales, refusal(error));
    }
  };
  const loadOrders = async (nextToken?: string) => {
    try {
      const page: OrderPage = await app.api.shopOrders(shopId, ordersPerPage, nextToken);
      if (!nextToken) orders.replaceChildren();
      orders.append(
        ...page.orders.map((order) =>
          h('article', { class: 'order', 'data-order-id': order.orderId }, `${order.name} · ${order.phoneNumber} · ${order.items.map((line) => `${line.quantity} × ${line.name}`).join(', ')} · ${money(order.amount)}`),
        ),
      );
      show(more, page.nextToken && h('button', { onclick: () => void loadOrders(page.nextToken) }, 'Older orders'));
    } catch (error) {
      show(more, refusal(error));
    }
  };
  const rotate = h('button', {
    onclick: () => {
      show(problems);
      void app.api
        .rotateToken(shopId)
        .then(({ shopToken }) => drawToken(shopToken))
        .catch((error: unknown) => show(problems, refusal(error)));
    },
  }, 'Rotate the token');

  show(
    root,
    h('h2', {}, shop.name),
    h('p', {}, `${shop.address} · ${shop.phoneNumber}`),
    h('section', { class: 'till' }, qr, tokenText, rotate, problems),
    h('section', {}, h('h3', {}, 'Sales'), sales, h('button', { onclick: () => void loadSales() }, 'Refresh')),
    h('section', {}, h('h3', {}, 'Orders'), h('button', { onclick: () => void loadOrders() }, 'Refresh'), orders, more),
  );
  await Promise.all([drawToken(shop.shopToken), loadSales(), loadOrders()]);

  const timer = setInterval(() => {
    void app.api
      .shop(shopId)
      .then((latest) => (latest.shopToken !== (qr.dataset.token ?? null) ? drawToken(latest.shopToken) : undefined))
      .catch(() => undefined);
  }, tokenCheckMs);
  app.onLeave(() => clearInterval(timer));
}
