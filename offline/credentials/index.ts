export * from './types';
export * from './credential-store';
export { temporaryAccessKeyPattern, temporaryCredentialLifetimeMs } from './temporary-credentials';
