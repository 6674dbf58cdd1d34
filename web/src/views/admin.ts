import type { AppContext } from '../context';
import { h, show } from '../dom';
import { refusal } from '../refusal';

/** A platform admin: the platform-wide statistics, and nothing of any shop. */
export async function adminPage(root: HTMLElement, app: AppContext): Promise<void> {
  show(root, h('p', {}, 'Loading the statistics…'));
  try {
    const stats = await app.api.serviceStats();
    show(
      root,
      h('h2', {}, 'Platform statistics'),
      h(
        'dl',
        { class: 'stats' },
        h('dt', {}, 'Shops'), h('dd', { 'data-stat': 'shops' }, stats.totalNumberOfShops),
        h('dt', {}, 'Customers'), h('dd', { 'data-stat': 'customers' }, stats.totalNumberOfCustomers),
        h('dt', {}, 'Orders per shop'), h('dd', { 'data-stat': 'orders-per-shop' }, stats.averageNumberOfOrdersPerShop.toFixed(2)),
        h('dt', {}, 'Orders per customer'), h('dd', { 'data-stat': 'orders-per-customer' }, stats.averageNumberOfOrdersPerCustomer.toFixed(2)),
      ),
    );
  } catch (error) {
    show(root, h('h2', {}, 'Platform statistics'), refusal(error));
  }
}
