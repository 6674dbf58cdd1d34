import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import type { Table } from './table';

/** What one BatchGetItem may ask for. */
const maxKeysPerBatch = 100;
const maxRounds = 8;

/**
 * The items of `keys` that exist, strongly consistent, in batches of 100.
 * DynamoDB may hand back part of a batch unprocessed under load; that part is
 * asked for again after a growing pause, and after 8 rounds the read fails,
 * naming `what` it was reading.
 */
export async function batchGetItems(table: Table, keys: readonly Record<string, unknown>[], what: string): Promise<Record<string, unknown>[]> {
  const found: Record<string, unknown>[] = [];
  for (let start = 0; start < keys.length; start += maxKeysPerBatch) {
    let pending: Record<string, unknown>[] = keys.slice(start, start + maxKeysPerBatch);
    for (let round = 0; pending.length > 0; round++) {
      if (round === maxRounds) throw new Error(`${what} could not be read: keys stayed unprocessed`);
      if (round > 0) await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** round));
      const output = await table.documents.send(new BatchGetCommand({ RequestItems: { [table.name]: { Keys: pending, ConsistentRead: true } } }));
      found.push(...(output.Responses?.[table.name] ?? []));
      pending = output.UnprocessedKeys?.[table.name]?.Keys ?? [];
    }
  }
  return found;
}
