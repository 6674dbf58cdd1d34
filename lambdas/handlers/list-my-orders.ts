import { notImplemented } from '../shared/not-implemented';

export const handler = notImplemented('list-my-orders');
