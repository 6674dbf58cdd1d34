import { createHash } from 'node:crypto';
import { capacityUnits, checkConditional } from 'dynalite/db';
import { AwsServiceError } from '../aws-json/errors';
import { ClientRequestTokens } from './client-request-tokens';
import { DynamoDbError, type LocalDynamoDb } from './local-dynamodb';
import { restoreBeforeImages, type BeforeImage, type TransactionJournal } from './transaction-journal';
import { itemIdentity, type WireKey } from './table-keys';
import { KeySchemas, readGetActions, readWriteActions, singleItemOperation, type WriteAction } from './transaction-request';
import type { WriteLock } from './write-lock';

/**
 * DynamoDB transactions on top of dynalite, which has none. Under the write
 * lock (so nothing else writes in between) every action's item is read and its
 * condition checked; if any fails, the transaction is cancelled with a reason
 * per action and nothing is written. Otherwise the items' before-images go to
 * the journal, the actions are applied one by one, and the journal entry is
 * removed: a crash in between is undone at the next start. An action dynalite
 * refuses while applying (an update that does not fit the item) puts the
 * earlier ones back and cancels the transaction with a ValidationError reason.
 */
export interface TransactionsOptions {
  /** Test hook: kill the process after this many writes of a transaction, as a crash would. */
  crashAfterWrites?: number;
  now?: () => number;
}

type Item = Record<string, unknown>;

interface BatchGetOutput {
  Responses?: Record<string, Item[]>;
  UnprocessedKeys?: Record<string, { Keys: WireKey[]; ConsistentRead: true }>;
}

const maxBatchRounds = 8;

interface CancellationReason {
  Code: string;
  Message?: string;
  Item?: Item;
}

function cancelled(reasons: CancellationReason[]): AwsServiceError {
  const codes = reasons.map((reason) => reason.Code).join(', ');
  return new AwsServiceError(
    'TransactionCanceledException',
    `Transaction cancelled, please refer cancellation reasons for specific reasons [${codes}]`,
    400,
    { CancellationReasons: reasons },
  );
}

function fingerprint(input: Record<string, unknown>): string {
  const { ClientRequestToken: _token, ReturnConsumedCapacity: _capacity, ReturnItemCollectionMetrics: _metrics, ...request } = input;
  return createHash('sha256').update(JSON.stringify(request)).digest('base64');
}

function consumedCapacity(input: Record<string, unknown>, byTable: Map<string, { read: number; write: number }>) {
  if (input.ReturnConsumedCapacity !== 'TOTAL' && input.ReturnConsumedCapacity !== 'INDEXES') return undefined;
  return [...byTable].map(([TableName, { read, write }]) => {
    const total = read + write;
    return {
      TableName,
      CapacityUnits: total,
      ...(read > 0 ? { ReadCapacityUnits: read } : {}),
      ...(write > 0 ? { WriteCapacityUnits: write } : {}),
      ...(input.ReturnConsumedCapacity === 'INDEXES' ? { Table: { CapacityUnits: total } } : {}),
    };
  });
}

export class LocalTransactions {
  private readonly tokens: ClientRequestTokens;
  private readonly now: () => number;
  private readonly schemas: KeySchemas;

  constructor(
    private readonly dynamoDb: LocalDynamoDb,
    private readonly lock: WriteLock,
    private readonly journal: TransactionJournal,
    private readonly options: TransactionsOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.tokens = new ClientRequestTokens(this.now);
    this.schemas = new KeySchemas(dynamoDb);
  }

  /** A table was created, updated or deleted: key schemas are read again. */
  tablesChanged(): void {
    this.schemas.forget();
  }

  async write(input: Record<string, unknown>): Promise<Record<string, unknown>> {
    const actions = await readWriteActions(this.schemas, input);
    const token = input.ClientRequestToken;
    if (token !== undefined && (typeof token !== 'string' || token.length < 1 || token.length > 36)) {
      throw new AwsServiceError(
        'ValidationException',
        "1 validation error detected: Value at 'clientRequestToken' failed to satisfy constraint: Member must have length between 1 and 36",
      );
    }
    if (typeof token === 'string' && this.tokens.begin(token, fingerprint(input))) {
      return this.writeResponse(input, actions, new Map());
    }
    try {
      const items = await this.lock.run(() => this.checkAndApply(actions));
      if (typeof token === 'string') this.tokens.finish(token);
      return this.writeResponse(input, actions, items);
    } catch (error) {
      if (typeof token === 'string') this.tokens.release(token);
      throw error;
    }
  }

  async get(input: Record<string, unknown>): Promise<Record<string, unknown>> {
    const actions = await readGetActions(this.schemas, input);
    // Under the lock: a transactional read never sees half of a transaction.
    const responses = await this.lock.run(() =>
      Promise.all(actions.map((action) => this.dynamoDb.call<{ Item?: Item }>('GetItem', { ...action.request, ConsistentRead: true }))),
    );
    const byTable = new Map<string, { read: number; write: number }>();
    for (const [index, action] of actions.entries()) {
      const usage = byTable.get(action.tableName) ?? { read: 0, write: 0 };
      // A transactional read costs two reads of the item (4 KB units).
      usage.read += 2 * capacityUnits(responses[index].Item, true, true);
      byTable.set(action.tableName, usage);
    }
    const capacity = consumedCapacity(input, byTable);
    return {
      Responses: responses.map((response) => (response.Item ? { Item: response.Item } : {})),
      ...(capacity ? { ConsumedCapacity: capacity } : {}),
    };
  }

  /** Runs under the lock: the items as they are now, every condition, then every write. */
  private async checkAndApply(actions: readonly WriteAction[]): Promise<Map<WriteAction, Item | undefined>> {
    const items = await this.currentItems(actions);
    const existing = new Map<WriteAction, Item | undefined>(actions.map((action, index) => [action, items[index]]));
    const reasons: CancellationReason[] = actions.map((action) => {
      const item = existing.get(action);
      if (!checkConditional(action.validated, item)) return { Code: 'None' };
      return {
        Code: 'ConditionalCheckFailed',
        Message: 'The conditional request failed',
        ...(action.returnOldItemOnFailure && item ? { Item: item } : {}),
      };
    });
    if (reasons.some((reason) => reason.Code !== 'None')) throw cancelled(reasons);

    const writes = actions.filter((action): action is WriteAction & { kind: 'Put' | 'Update' | 'Delete' } => action.kind !== 'ConditionCheck');
    const before: BeforeImage[] = writes.map((action) => ({ tableName: action.tableName, key: action.key, item: existing.get(action) }));
    this.journal.begin(before);
    // The writes touch distinct items, so they may land in any order; nothing else writes meanwhile.
    let landed = 0;
    const outcomes = await Promise.allSettled(
      writes.map(async (action) => {
        await this.dynamoDb.call(singleItemOperation[action.kind], action.request);
        landed += 1;
        if (this.options.crashAfterWrites === landed) process.kill(process.pid, 'SIGKILL');
      }),
    );
    const failedAt = outcomes.findIndex((outcome) => outcome.status === 'rejected');
    const failure = outcomes[failedAt];
    if (failure?.status === 'rejected') {
      // Putting back an item that was not written is harmless: it is its before-image already.
      await restoreBeforeImages(this.dynamoDb, before);
      this.journal.end();
      const error: unknown = failure.reason;
      if (!(error instanceof DynamoDbError)) throw error;
      const failed = writes[failedAt];
      throw cancelled(actions.map((action) => (action === failed ? { Code: 'ValidationError', Message: error.message } : { Code: 'None' })));
    }
    this.journal.end();
    return existing;
  }

  /**
   * The actions' items as they are now, by one consistent BatchGetItem: a
   * transaction's items are distinct (checked already) and at most 100, which
   * is what one batch may ask for.
   */
  private async currentItems(actions: readonly WriteAction[]): Promise<(Item | undefined)[]> {
    const schemas = await Promise.all(actions.map((action) => this.schemas.of(action.tableName)));
    const schemaByTable = new Map(schemas.map((schema) => [schema.tableName, schema]));
    let pending: Record<string, { Keys: WireKey[]; ConsistentRead: true }> = {};
    for (const action of actions) (pending[action.tableName] ??= { Keys: [], ConsistentRead: true }).Keys.push(action.key);
    const found = new Map<string, Item>();
    for (let round = 0; Object.keys(pending).length > 0; round++) {
      if (round === maxBatchRounds) throw new Error("dynalite kept a transaction's keys unprocessed");
      const output = await this.dynamoDb.call<BatchGetOutput>('BatchGetItem', { RequestItems: pending });
      for (const [tableName, tableItems] of Object.entries(output.Responses ?? {})) {
        const schema = schemaByTable.get(tableName);
        if (!schema) throw new Error(`dynalite answered for table ${tableName}, which the transaction does not touch`);
        for (const item of tableItems) found.set(itemIdentity(schema, item), item);
      }
      pending = output.UnprocessedKeys ?? {};
    }
    return actions.map((action, index) => found.get(itemIdentity(schemas[index], action.key)));
  }

  private writeResponse(input: Record<string, unknown>, actions: readonly WriteAction[], existing: Map<WriteAction, Item | undefined>) {
    const byTable = new Map<string, { read: number; write: number }>();
    for (const action of actions) {
      const usage = byTable.get(action.tableName) ?? { read: 0, write: 0 };
      const item = action.kind === 'Put' ? (action.request.Item as Item) : existing.get(action);
      // Transactional writes cost two writes per 1 KB of the item; a condition check two reads.
      if (action.kind === 'ConditionCheck') usage.read += 2 * capacityUnits(item, true, true);
      else usage.write += 2 * capacityUnits(item, false, true);
      byTable.set(action.tableName, usage);
    }
    const capacity = consumedCapacity(input, byTable);
    return capacity ? { ConsumedCapacity: capacity } : {};
  }
}
