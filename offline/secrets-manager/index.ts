export * from './secrets-manager';
