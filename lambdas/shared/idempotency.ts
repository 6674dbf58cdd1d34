import {
  IdempotencyAlreadyInProgressError,
  IdempotencyConfig,
  IdempotencyValidationError,
  makeIdempotent,
} from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import type { Context } from 'aws-lambda';
import { ordersTable } from '../../platform/table';
import { conflict } from './http-error';
import type { Table } from './table';

/**
 * Safe retries for an operation with an `Idempotency-Key`, on Powertools
 * idempotency and the platform's own table: records live under one static
 * partition (`PK=IDEMPOTENCY#<operation>`, `SK=<operation>#<hash>`) and expire
 * through the table's TTL attribute.
 *
 * The record's key hashes the caller's customer id together with the header
 * value, so two callers who pick the same key never share a record, and the
 * stored result is only ever returned to the caller who produced it. The
 * request itself is hashed separately: the same key with another request is a
 * conflict, not a replay.
 */
/** What may be stored and compared: plain JSON. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface IdempotentCall<Request extends JsonValue, Result extends JsonValue> {
  customerId: string;
  idempotencyKey: string;
  request: Request;
  context?: Context;
  /** Runs only when this caller has no finished or running call under this key. */
  run: () => Promise<Result>;
}

export interface IdempotentOutcome<Result> {
  result: Result;
  /** `true` when the stored result of an earlier call was returned. */
  replayed: boolean;
}

export interface IdempotencyOptions {
  operation: string;
  /** How long a key is remembered. */
  expiresAfterSeconds: number;
}

interface ScopedPayload {
  scope: { customerId: string; idempotencyKey: string };
  request: JsonValue;
}

type Runner = (payload: ScopedPayload, run: () => Promise<JsonValue>) => Promise<JsonValue>;

export function idempotencyRunner({ operation, expiresAfterSeconds }: IdempotencyOptions) {
  const config = new IdempotencyConfig({
    eventKeyJmesPath: 'scope',
    payloadValidationJmesPath: 'request',
    throwOnNoIdempotencyKey: true,
    expiresAfterSeconds,
    // A collision-resistant hash: a key is the boundary between callers.
    hashFunction: 'sha256',
  });
  const runners = new WeakMap<Table, Runner>();
  const runnerFor = (table: Table): Runner => {
    let runner = runners.get(table);
    if (!runner) {
      const persistenceStore = new DynamoDBPersistenceLayer({
        tableName: table.name,
        awsSdkV3Client: table.client,
        keyAttr: ordersTable.partitionKey,
        sortKeyAttr: ordersTable.sortKey,
        staticPkValue: `IDEMPOTENCY#${operation}`,
        expiryAttr: ordersTable.timeToLiveAttribute,
      });
      runner = makeIdempotent((_payload: ScopedPayload, run: () => Promise<JsonValue>) => run(), {
        persistenceStore,
        config,
        keyPrefix: operation,
        dataIndexArgument: 0,
      });
      runners.set(table, runner);
    }
    return runner;
  };

  return async function runIdempotently<Request extends JsonValue, Result extends JsonValue>(
    table: Table,
    call: IdempotentCall<Request, Result>,
  ): Promise<IdempotentOutcome<Result>> {
    // The remaining time bounds how long an in-progress record blocks retries;
    // a caller that passes no real Lambda context (some local runners) gets the default.
    if (typeof call.context?.getRemainingTimeInMillis === 'function') config.registerLambdaContext(call.context);
    let ran = false;
    const payload: ScopedPayload = {
      scope: { customerId: call.customerId, idempotencyKey: call.idempotencyKey },
      request: call.request,
    };
    try {
      const result = await runnerFor(table)(payload, async () => {
        ran = true;
        return call.run();
      });
      return { result: result as Result, replayed: !ran };
    } catch (error) {
      if (error instanceof IdempotencyValidationError) {
        throw conflict('This Idempotency-Key was already used for a different request; use a new key for a new order');
      }
      if (error instanceof IdempotencyAlreadyInProgressError) {
        throw conflict('A request with this Idempotency-Key is still in progress; retry it shortly');
      }
      throw error;
    }
  };
}
