export * from './errors';
export * from './http';
export * from './service';
export * from './input';
export * from './dispatcher';
