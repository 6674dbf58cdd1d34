import { policyDocument, type PolicyDocument, type PolicyStatement } from './iam-policy';
import { ordersTable } from './table';

/**
 * Every Lambda function of the platform: where its handler lives, what it may
 * touch and the environment it runs with. The api and identity stacks build
 * functions and execution roles from this list; the offline runtime runs the
 * same bundles with the same environment.
 */
export type DynamoDbAction =
  | 'dynamodb:GetItem'
  | 'dynamodb:BatchGetItem'
  | 'dynamodb:PutItem'
  | 'dynamodb:UpdateItem'
  | 'dynamodb:DeleteItem'
  | 'dynamodb:ConditionCheckItem'
  | 'dynamodb:Query'
  | 'dynamodb:Scan';

export type IndexName = (typeof ordersTable.indexes)[keyof typeof ordersTable.indexes]['name'];

export interface FunctionPermissions {
  /** Actions on the table itself. */
  table?: readonly DynamoDbAction[];
  /** Indexes the function queries (`dynamodb:Query` on `<table>/index/<name>`). */
  queryIndexes?: readonly IndexName[];
  userPool?: readonly ('cognito-idp:AdminGetUser' | 'cognito-idp:AdminSetUserPassword')[];
  testUsersSecret?: readonly ('secretsmanager:GetSecretValue' | 'secretsmanager:PutSecretValue')[];
}

export interface FunctionDefinition {
  /** Deployed as `<prefix>-<name>`; also the bundle's directory name. */
  name: string;
  description: string;
  /** The handler's source file, relative to the repository root; it exports `handler`. */
  entry: string;
  /** The stack that deploys it. */
  stack: 'api' | 'identity';
  memoryMb: number;
  timeoutSeconds: number;
  permissions: FunctionPermissions;
}

const apiHandler = (
  name: string,
  description: string,
  permissions: FunctionPermissions,
): FunctionDefinition => ({
  name,
  description,
  entry: `lambdas/handlers/${name}.ts`,
  stack: 'api',
  memoryMb: 512,
  timeoutSeconds: 10,
  permissions,
});

const readUser = ['cognito-idp:AdminGetUser'] as const;

export const functions = {
  listProducts: apiHandler('list-products', "Lists a shop's products for a customer holding its shop token", {
    // UpdateItem counts wrong shop tokens per caller (the token-guess throttle).
    table: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:UpdateItem'],
  }),
  placeOrder: apiHandler('place-order', 'Places an order priced from the stored catalogue', {
    // One transaction puts the order, its idempotency record and a first order's customer marker
    // (PutItem), adds to the shop's and the platform's aggregates (UpdateItem, also the token-guess
    // throttle) and checks a returning customer's marker (ConditionCheckItem). Nothing is deleted.
    table: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:ConditionCheckItem'],
  }),
  getOrder: apiHandler('get-order', 'Reads one order for its customer or its shop owner', {
    table: ['dynamodb:GetItem'],
    userPool: readUser,
  }),
  listMyOrders: apiHandler('list-my-orders', "Lists the caller's own orders, newest first", {
    queryIndexes: ['GSI2'],
  }),
  getShop: apiHandler('get-shop', "Reads the caller's own shop", {
    table: ['dynamodb:GetItem'],
    userPool: readUser,
  }),
  rotateShopToken: apiHandler('rotate-shop-token', "Rotates the caller's shop token", {
    // One conditional UpdateItem demotes the current token; GetItem only when
    // it fails, to tell a missing shop from a rotation still in its grace window.
    table: ['dynamodb:GetItem', 'dynamodb:UpdateItem'],
    userPool: readUser,
  }),
  listShopOrders: apiHandler('list-shop-orders', "Lists the caller's shop orders, newest first", {
    queryIndexes: ['GSI1'],
    userPool: readUser,
  }),
  getShopSales: apiHandler('get-shop-sales', "Reads the caller's shop sales from its aggregate item", {
    table: ['dynamodb:GetItem'],
    userPool: readUser,
  }),
  getServiceStats: apiHandler('get-service-stats', 'Platform-wide statistics for administrators, from the aggregate items', {
    table: ['dynamodb:BatchGetItem'],
    userPool: readUser,
  }),
  rotateAllShopTokens: apiHandler('rotate-all-shop-tokens', "Scheduled rotation of every shop's token", {
    // GetItem: a shop whose last rotation is still in its grace window is read to say so.
    table: ['dynamodb:GetItem', 'dynamodb:Scan', 'dynamodb:UpdateItem'],
  }),
  reconcileAggregates: {
    name: 'reconcile-aggregates',
    description: "Recounts the shops' sales and the platform's figures from the orders, and corrects or verifies the aggregates",
    entry: 'lambdas/handlers/reconcile-aggregates.ts',
    stack: 'api',
    // A full-table recount: as long as Lambda allows, and room for the set of customers.
    memoryMb: 1024,
    timeoutSeconds: 900,
    permissions: {
      table: ['dynamodb:Scan', 'dynamodb:BatchGetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
    },
  },
  provisionTestUsers: {
    name: 'provision-test-users',
    description: "Sets the test users' shared password, generating and storing it on first run",
    entry: 'lambdas/handlers/provision-test-users.ts',
    stack: 'identity',
    memoryMb: 256,
    timeoutSeconds: 60,
    permissions: {
      userPool: ['cognito-idp:AdminSetUserPassword'],
      testUsersSecret: ['secretsmanager:GetSecretValue', 'secretsmanager:PutSecretValue'],
    },
  },
} as const satisfies Record<string, FunctionDefinition>;

export type FunctionKey = keyof typeof functions;
export const allFunctions: readonly FunctionDefinition[] = Object.values(functions);

export function deployedFunctionName(prefix: string, fn: FunctionDefinition): string {
  return `${prefix}-${fn.name}`;
}

/** Names of the environment variables the handlers read. */
export const environmentVariables = {
  tableName: 'TABLE_NAME',
  userPoolId: 'USER_POOL_ID',
  tokenGraceSeconds: 'SHOP_TOKEN_GRACE_SECONDS',
  userCacheSeconds: 'SHOP_USER_CACHE_SECONDS',
  testUsersSecretId: 'TEST_USERS_SECRET_ID',
  webOrigin: 'WEB_ORIGIN',
} as const;

export interface FunctionEnvironmentValues {
  tableName?: string;
  userPoolId?: string;
  tokenGraceSeconds?: number;
  /** How long a function may reuse a user's role and shop read from the pool. */
  userCacheSeconds?: number;
  testUsersSecretId?: string;
  /** Powertools service name; defaults to the function's name. */
  serviceName?: string;
  /** The web app's origin (SHOP_WEB_ORIGIN) for an API function's CORS headers; empty or absent: none. */
  webOrigin?: string;
}

/**
 * The environment a function runs with, from what its permissions say it uses.
 * A value it needs but is not given is a mistake in the stack, refused here
 * rather than left for the function to fail on at run time.
 */
export function functionEnvironment(fn: FunctionDefinition, values: FunctionEnvironmentValues): Record<string, string> {
  const environment: Record<string, string> = {
    POWERTOOLS_SERVICE_NAME: values.serviceName ?? fn.name,
    POWERTOOLS_METRICS_NAMESPACE: 'ShopPlatform',
    POWERTOOLS_LOG_LEVEL: 'INFO',
    NODE_OPTIONS: '--enable-source-maps',
  };
  const set = (name: string, value: string | number | undefined, what: string) => {
    if (value === undefined) throw new Error(`${fn.name} needs ${what} (${name})`);
    environment[name] = String(value);
  };
  const needsTable = fn.permissions.table !== undefined || fn.permissions.queryIndexes !== undefined;
  if (needsTable) {
    set(environmentVariables.tableName, values.tableName, 'the table name');
    set(environmentVariables.tokenGraceSeconds, values.tokenGraceSeconds, 'the shop-token grace period');
  }
  if (fn.permissions.userPool) set(environmentVariables.userPoolId, values.userPoolId, 'the user pool id');
  if (fn.permissions.userPool?.some((action) => action === 'cognito-idp:AdminGetUser')) {
    set(environmentVariables.userCacheSeconds, values.userCacheSeconds, 'the user cache time');
  }
  if (fn.permissions.testUsersSecret) set(environmentVariables.testUsersSecretId, values.testUsersSecretId, 'the test users secret');
  if (values.webOrigin) environment[environmentVariables.webOrigin] = values.webOrigin;
  return environment;
}

export interface FunctionResourceArns {
  table?: string;
  userPool?: string;
  testUsersSecret?: string;
}

/** The least-privilege policy of a function's execution role (logs and X-Ray are added by the stack). */
export function functionPolicy(fn: FunctionDefinition, arns: FunctionResourceArns): PolicyDocument {
  const statements: PolicyStatement[] = [];
  const { table, queryIndexes, userPool, testUsersSecret } = fn.permissions;
  const require = (arn: string | undefined, what: string): string => {
    if (arn === undefined) throw new Error(`${fn.name} needs the ${what} ARN`);
    return arn;
  };
  if (table) {
    statements.push({ Sid: 'Table', Effect: 'Allow', Action: [...table], Resource: require(arns.table, 'table') });
  }
  if (queryIndexes) {
    const tableArn = require(arns.table, 'table');
    statements.push({
      Sid: 'QueryIndexes',
      Effect: 'Allow',
      Action: 'dynamodb:Query',
      Resource: queryIndexes.map((index) => `${tableArn}/index/${index}`),
    });
  }
  if (userPool) {
    statements.push({ Sid: 'UserPool', Effect: 'Allow', Action: [...userPool], Resource: require(arns.userPool, 'user pool') });
  }
  if (testUsersSecret) {
    statements.push({
      Sid: 'TestUsersSecret',
      Effect: 'Allow',
      Action: [...testUsersSecret],
      Resource: require(arns.testUsersSecret, 'test users secret'),
    });
  }
  return policyDocument(...statements);
}
