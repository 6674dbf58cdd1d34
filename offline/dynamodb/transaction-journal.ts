import type { DocumentStore } from '../state/document-store';
import { documents } from '../state/documents';
import { expectRecord, expectString } from '../state/shape';
import type { LocalDynamoDb } from './local-dynamodb';

/** An item as it was before a transaction wrote it; no item when there was none. */
export interface BeforeImage {
  tableName: string;
  key: Record<string, unknown>;
  item?: Record<string, unknown>;
}

/**
 * What makes a transaction all-or-nothing across a crash: before its first
 * write, the items it will write are recorded as they are (fsynced); after its
 * last, the record goes. A record found at start belongs to a transaction the
 * process died in the middle of, and its items are put back as they were.
 */
export class TransactionJournal {
  constructor(private readonly store: DocumentStore | undefined) {}

  begin(before: readonly BeforeImage[]): void {
    this.store?.write(documents.dynamoDbTransaction, { before });
  }

  end(): void {
    this.store?.remove(documents.dynamoDbTransaction);
  }

  interrupted(): BeforeImage[] | undefined {
    const stored = this.store?.read(documents.dynamoDbTransaction);
    if (stored === undefined) return undefined;
    const where = documents.dynamoDbTransaction.name;
    const before = expectRecord(stored, where).before;
    if (!Array.isArray(before)) return [];
    return before.map((entry, index) => {
      const record = expectRecord(entry, `${where}.before[${index}]`);
      const image: BeforeImage = {
        tableName: expectString(record, 'tableName', `${where}.before[${index}]`),
        key: expectRecord(record.key, `${where}.before[${index}].key`),
      };
      if (record.item !== undefined) image.item = expectRecord(record.item, `${where}.before[${index}].item`);
      return image;
    });
  }
}

/** Puts every item of `before` back as it was: the undo of a partly applied transaction. */
export async function restoreBeforeImages(dynamoDb: LocalDynamoDb, before: readonly BeforeImage[]): Promise<void> {
  for (const image of [...before].reverse()) {
    if (image.item) await dynamoDb.call('PutItem', { TableName: image.tableName, Item: image.item });
    else await dynamoDb.call('DeleteItem', { TableName: image.tableName, Key: image.key });
  }
}

/** At start: undoes the transaction a crash interrupted, if any. Returns how many items were put back. */
export async function recoverInterruptedTransaction(dynamoDb: LocalDynamoDb, journal: TransactionJournal): Promise<number> {
  const before = journal.interrupted();
  if (before === undefined) return 0;
  await restoreBeforeImages(dynamoDb, before);
  journal.end();
  return before.length;
}
