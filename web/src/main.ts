import { ShopApi } from './api';
import { loadConfig } from './config';
import type { AppContext } from './context';
import { h, show } from './dom';
import { Identity } from './identity';
import { adminPage } from './views/admin';
import { myOrdersPage, orderPage, shopPage } from './views/customer';
import { ownerPage } from './views/owner';
import { scanPage } from './views/scanner';
import { signInPage } from './views/sign-in';

/** The app's pages by their `#/…` route; every page reads what it shows from the API with the caller's own credentials. */
async function start(): Promise<void> {
  const header = document.querySelector('header .who');
  const root = document.querySelector('main');
  if (!header || !(root instanceof HTMLElement)) throw new Error('index.html lacks header .who or main');
  const config = await loadConfig();
  const identity = new Identity(config);
  let leaving: Array<() => void> = [];
  const app: AppContext = {
    config,
    identity,
    api: new ShopApi(config, identity),
    navigate: (route) => {
      if (location.hash === route) void render();
      else location.hash = route;
    },
    onLeave: (stop) => leaving.push(stop),
  };

  const renderWho = () => {
    const { who } = identity;
    show(
      header,
      who.kind === 'guest' ? 'Guest' : `${who.email} (${who.role}${who.shopId ? `, shop ${who.shopId}` : ''})`,
      ' ',
      who.kind === 'guest'
        ? h('a', { href: '#/sign-in' }, 'Sign in')
        : h('button', { onclick: () => { identity.signOut(); app.navigate('#/'); } }, 'Sign out'),
    );
  };

  const render = async () => {
    leaving.forEach((stop) => stop());
    leaving = [];
    renderWho();
    const [path = '', queryString = ''] = location.hash.replace(/^#/, '').split('?');
    const query = new URLSearchParams(queryString);
    const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
    const { who } = identity;
    switch (parts[0]) {
      case 'shop':
        return shopPage(root, app, parts[1] ?? '', query.get('token') ?? '');
      case 'order':
        return orderPage(root, app, parts[1] ?? '');
      case 'orders':
        return myOrdersPage(root, app);
      case 'scan':
        return scanPage(root, app);
      case 'sign-in':
        return signInPage(root, app);
      case 'owner':
        return ownerPage(root, app, parts[1] ?? (who.kind === 'user' ? (who.shopId ?? '') : ''));
      case 'admin':
        return adminPage(root, app);
      default:
        show(
          root,
          h('h2', {}, 'Shop'),
          h('ul', { class: 'menu' },
            h('li', {}, h('a', { href: '#/scan' }, 'Scan a shop’s QR code')),
            h('li', {}, h('a', { href: '#/orders' }, 'Your orders')),
            h('li', {}, h('a', { href: '#/sign-in' }, 'Sign in or create an account')),
          ),
        );
    }
  };
  window.addEventListener('hashchange', () => void render());
  await render();
}

start().catch((error: unknown) => {
  document.body.append(h('p', { class: 'refusal', role: 'alert' }, `The app could not start: ${error instanceof Error ? error.message : String(error)}`));
});
