import type { ShopApi } from './api';
import type { AppConfig } from './config';
import type { Identity } from './identity';

/** What every page gets: the configuration, who is using the app, and the API. */
export interface AppContext {
  config: AppConfig;
  identity: Identity;
  api: ShopApi;
  /** Goes to another page of the app (`#/…`). */
  navigate(route: string): void;
  /** Called when the page is left: a page registers here what it must stop (a camera, a timer). */
  onLeave(stop: () => void): void;
}

/** The URL a shop's QR code encodes: this app's customer page for the shop, with its current token. */
export function shopUrl(shopId: string, shopToken: string): string {
  const base = `${location.origin}${location.pathname}`;
  return `${base}#/shop/${encodeURIComponent(shopId)}?token=${encodeURIComponent(shopToken)}`;
}
