import { randomUUID } from 'node:crypto';
import { BatchWriteCommand, DynamoDBDocumentClient, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { seedItems } from '../../platform/seed';
import { orderItem, type OrderLine, type OrderRecord } from '../../platform/table';
import { testUsers, type TestUserKey } from '../../platform/test-users';
import type { DependencySource } from '../../lambdas/shared/dependencies';
import type { UserPoolDependencies } from '../../lambdas/shared/user-pool-dependencies';
import type { DirectoryUser, UserDirectory } from '../../lambdas/shared/user-directory';
import { startDynalite, useDynaliteEnvironment, type RunningDynalite } from '../support/dynalite';

/**
 * A platform for handler tests: dynalite with the real table and seed, the
 * handlers' real DynamoDB client reaching it through AWS_ENDPOINT_URL_DYNAMODB,
 * an in-memory user directory in place of the user pool and a clock the test moves.
 */
export const testSubs: Readonly<Record<TestUserKey, string>> = {
  shop1Owner: '11111111-1111-4111-8111-111111111111',
  shop2Owner: '22222222-2222-4222-8222-222222222222',
  admin: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa',
  registeredCustomer1: 'c0c0c0c0-c0c0-4c0c-8c0c-c0c0c0c0c0c0',
};

export const startOfTest = Date.parse('2026-03-02T09:00:00.000Z');

export interface TestClock {
  now: number;
  advance(ms: number): void;
}

export interface TestPlatform {
  dynalite: RunningDynalite;
  deps: UserPoolDependencies;
  source: DependencySource<UserPoolDependencies>;
  clock: TestClock;
  /** The user pool as the directory sees it, by sub; tests may add users. */
  users: Map<string, DirectoryUser>;
  /** Every sub the handlers looked up, in order. */
  lookups: string[];
  documents: DynamoDBDocumentClient;
  scanAll(): Promise<Record<string, unknown>[]>;
  /** Brings the aggregates in line with the orders, as the reconcile step does at apply (after writing orders directly). */
  reconcile(): Promise<void>;
  /** The DynamoDB commands the handlers' table client sends while `work` runs, by name. */
  commandsDuring(work: () => Promise<unknown>): Promise<string[]>;
  putItems(items: readonly Record<string, unknown>[]): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Environment for the Powertools utilities, set before any handler module is
 * loaded: quiet logs and no metrics output unless a test asks for them.
 */
export function quietPowertools(overrides: Record<string, string> = {}): void {
  process.env.POWERTOOLS_SERVICE_NAME = 'shop-platform-test';
  process.env.POWERTOOLS_METRICS_NAMESPACE = 'ShopPlatformTest';
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  delete process.env.AWS_EXECUTION_ENV;
  Object.assign(process.env, overrides);
}

export async function startPlatform(options: { seed?: boolean; env?: Record<string, string> } = {}): Promise<TestPlatform> {
  quietPowertools(options.env);
  const dynalite = await startDynalite();
  useDynaliteEnvironment(dynalite);
  delete process.env.SHOP_TOKEN_GRACE_SECONDS;
  Object.assign(process.env, options.env);

  const users = new Map<string, DirectoryUser>();
  for (const [key, sub] of Object.entries(testSubs) as [TestUserKey, string][]) {
    const testUser: { role: DirectoryUser['role']; shopId?: string } = testUsers[key];
    users.set(sub, { role: testUser.role, shopId: testUser.shopId });
  }
  const lookups: string[] = [];
  const directory: UserDirectory = {
    findUser: async (sub) => {
      lookups.push(sub);
      return users.get(sub);
    },
  };
  const clock: TestClock = {
    now: startOfTest,
    advance(ms) {
      this.now += ms;
    },
  };
  // Loaded here, after the environment points at dynalite, as a handler module would be.
  const { buildUserPoolDependencies } = await import('../../lambdas/shared/user-pool-dependencies');
  const deps = buildUserPoolDependencies({ users: directory, clock: () => clock.now });
  const documents = DynamoDBDocumentClient.from(dynalite.client);

  const putItems = async (items: readonly Record<string, unknown>[]) => {
    const batches: Record<string, unknown>[][] = [];
    for (let start = 0; start < items.length; start += 25) batches.push(items.slice(start, start + 25));
    await Promise.all(
      batches.map(async (batch) => {
        let requests = batch.map((Item) => ({ PutRequest: { Item } }));
        while (requests.length > 0) {
          const output = await documents.send(new BatchWriteCommand({ RequestItems: { [dynalite.tableName]: requests } }));
          requests = (output.UnprocessedItems?.[dynalite.tableName] ?? []) as typeof requests;
        }
      }),
    );
  };
  const { reconcileAggregates } = await import('../../lambdas/domain/aggregate-reconciliation');
  const reconcile = async () => {
    await reconcileAggregates(deps.table);
  };
  // Seeded as the stacks seed a table: the items, then the reconcile step counts the seed orders.
  if (options.seed !== false) {
    await putItems(seedItems((key) => testSubs[key]).map(({ item }) => item));
    await reconcile();
  }

  return {
    dynalite,
    deps,
    source: () => deps,
    clock,
    users,
    lookups,
    documents,
    putItems,
    reconcile,
    async commandsDuring(work) {
      const commands: string[] = [];
      const name = `record-commands-${Math.random()}`;
      deps.table.client.middlewareStack.add(
        (next, context) => async (args) => {
          commands.push(context.commandName ?? 'unknown');
          return next(args);
        },
        { step: 'initialize', name },
      );
      try {
        await work();
      } finally {
        deps.table.client.middlewareStack.remove(name);
      }
      return commands;
    },
    async scanAll() {
      const items: Record<string, unknown>[] = [];
      let ExclusiveStartKey: Record<string, unknown> | undefined;
      do {
        const page = await documents.send(new ScanCommand({ TableName: dynalite.tableName, ExclusiveStartKey }));
        items.push(...(page.Items ?? []));
        ExclusiveStartKey = page.LastEvaluatedKey;
      } while (ExclusiveStartKey);
      return items;
    },
    async stop() {
      deps.table.client.destroy();
      await dynalite.stop();
    },
  };
}

export function lambdaContext(functionName = 'test-function'): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:eu-central-1:123456789012:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'test',
    getRemainingTimeInMillis: () => 10_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

export type HandlerFactory = (source: DependencySource<UserPoolDependencies>) => (
  event: APIGatewayProxyEvent,
  context?: Context,
) => Promise<APIGatewayProxyResult>;

export interface Answer {
  statusCode: number;
  headers: Record<string, unknown>;
  json: Record<string, unknown>;
}

/** Calls a handler built on the platform's dependencies and parses its JSON answer. */
export async function call(platform: TestPlatform, factory: HandlerFactory, event: APIGatewayProxyEvent): Promise<Answer> {
  const result = await factory(platform.source)(event, lambdaContext());
  return {
    statusCode: result.statusCode,
    headers: (result.headers ?? {}) as Record<string, unknown>,
    json: JSON.parse(result.body) as Record<string, unknown>,
  };
}

/** Items that differ between two scans, by key: what a request wrote. */
export function writtenBetween(before: Record<string, unknown>[], after: Record<string, unknown>[]) {
  const render = (item: Record<string, unknown>) => JSON.stringify(item, Object.keys(item).sort());
  const previous = new Set(before.map(render));
  return after.filter((item) => !previous.has(render(item)));
}

/** Sets a shop's token directly, as a rotation at `rotatedAtMs` would have. */
export async function giveShopToken(platform: TestPlatform, shopId: string, token: string, rotatedAtMs = platform.clock.now) {
  const { UpdateCommand } = await import('@aws-sdk/lib-dynamodb');
  await platform.documents.send(
    new UpdateCommand({
      TableName: platform.dynalite.tableName,
      Key: { PK: `SHOP#${shopId}`, SK: 'SHOP' },
      UpdateExpression: 'SET shopToken = :token, shopTokenRotatedAt = :at',
      ExpressionAttributeValues: { ':token': token, ':at': new Date(rotatedAtMs).toISOString() },
    }),
  );
}

/**
 * Orders big enough that one customer's and one shop's orders fill more than
 * one 1 MB DynamoDB page: ~2 KB each with ten long lines.
 */
export function bulkOrders(count: number, options: { shopId: string; customerIds: readonly string[]; firstMs: number }): OrderRecord[] {
  const lines: OrderLine[] = Array.from({ length: 10 }, (_, index) => ({
    productId: `bulk-${index}`,
    name: `Bulk product ${index} `.padEnd(140, 'x'),
    quantity: (index % 5) + 1,
    price: 100 + index,
  }));
  return Array.from({ length: count }, (_, index) => {
    const items = lines.map((line) => ({ ...line, quantity: ((index + line.quantity) % 9) + 1 }));
    return {
      orderId: randomUUID(),
      shopId: options.shopId,
      customerId: options.customerIds[index % options.customerIds.length],
      // One minute apart; the listing must come back newest first.
      date: new Date(options.firstMs + index * 60_000).toISOString(),
      name: `Bulk Customer ${index}`.padEnd(90, '.'),
      phoneNumber: '+41790001234',
      items,
      amount: items.reduce((sum, line) => sum + line.price * line.quantity, 0),
      status: 'PLACED' as const,
    };
  });
}

export const orderItems = (orders: readonly OrderRecord[]) => orders.map((order) => orderItem(order));

export async function putRawItem(platform: TestPlatform, item: Record<string, unknown>) {
  await platform.documents.send(new PutCommand({ TableName: platform.dynalite.tableName, Item: item }));
}

/** Whether the first page of this query or scan stops short of the data, i.e. the data spans several 1 MB pages. */
export async function firstPageIsPartial(
  platform: TestPlatform,
  target: { index: 'GSI1' | 'GSI2'; partition: string } | { scan: true },
): Promise<boolean> {
  const { QueryCommand } = await import('@aws-sdk/lib-dynamodb');
  const TableName = platform.dynalite.tableName;
  const page =
    'scan' in target
      ? await platform.documents.send(new ScanCommand({ TableName }))
      : await platform.documents.send(
          new QueryCommand({
            TableName,
            IndexName: target.index,
            KeyConditionExpression: '#pk = :pk',
            ExpressionAttributeNames: { '#pk': `${target.index}-PK` },
            ExpressionAttributeValues: { ':pk': target.partition },
          }),
        );
  return page.LastEvaluatedKey !== undefined;
}
