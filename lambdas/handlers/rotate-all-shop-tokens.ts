import { notImplemented } from '../shared/not-implemented';

export const handler = notImplemented('rotate-all-shop-tokens');
