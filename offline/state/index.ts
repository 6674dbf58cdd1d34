export * from './clock';
export * from './document-store';
export * from './documents';
export * from './errors';
export * from './random';
export * from './shape';
export * from './signing-key';
