/**
 * Definitions shared by the CDKTF stacks, the Lambda handlers and the offline
 * runtime. Nothing here imports cdktf or an AWS SDK, so every form can use it.
 */
export * from './settings';
export * from './table';
export * from './iam-policy';
export * from './user-pool';
export * from './caller-roles';
export * from './identity-pool';
export * from './functions';
export * from './routes';
export * from './test-users';
export * from './seed';
export * from './shop-token-policy';
export * from './password';
export * from './resource-names';
export * from './customer-name';
