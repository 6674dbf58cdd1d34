import { StateError } from './errors';

/**
 * Checks for documents read back from disk: a hand-edited or truncated file
 * must fail with the file and field named, never flow on as a wrong type.
 */
export type StoredRecord = Record<string, unknown>;

export function expectRecord(value: unknown, where: string): StoredRecord {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new StateError(`${where} must be an object`);
  return value as StoredRecord;
}

export function expectString(record: StoredRecord, key: string, where: string): string {
  const value = record[key];
  if (typeof value !== 'string') throw new StateError(`${where}.${key} must be a string`);
  return value;
}

export function optionalString(record: StoredRecord, key: string, where: string): string | undefined {
  return record[key] === undefined ? undefined : expectString(record, key, where);
}

export function expectNumber(record: StoredRecord, key: string, where: string): number {
  const value = record[key];
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new StateError(`${where}.${key} must be a number`);
  return value;
}

export function expectBoolean(record: StoredRecord, key: string, where: string): boolean {
  const value = record[key];
  if (typeof value !== 'boolean') throw new StateError(`${where}.${key} must be true or false`);
  return value;
}

export function expectStringRecord(record: StoredRecord, key: string, where: string): Record<string, string> {
  const value = expectRecord(record[key], `${where}.${key}`);
  const result: Record<string, string> = {};
  for (const [name, entry] of Object.entries(value)) {
    if (typeof entry !== 'string') throw new StateError(`${where}.${key}.${name} must be a string`);
    result[name] = entry;
  }
  return result;
}

export function expectStringList(record: StoredRecord, key: string, where: string): string[] {
  const value = record[key];
  if (!Array.isArray(value) || !value.every((item): item is string => typeof item === 'string')) {
    throw new StateError(`${where}.${key} must be a list of strings`);
  }
  return value;
}

export function expectOneOf<T extends string>(record: StoredRecord, key: string, choices: readonly T[], where: string): T {
  const value = expectString(record, key, where);
  const choice = choices.find((candidate) => candidate === value);
  if (choice === undefined) throw new StateError(`${where}.${key} must be one of ${choices.join(', ')}`);
  return choice;
}

/** A document that maps keys to records, each parsed by `parseEntry`. */
export function parseEntries<T>(value: unknown, where: string, parseEntry: (entry: StoredRecord, where: string) => T): Map<string, T> {
  const entries = new Map<string, T>();
  for (const [key, entry] of Object.entries(expectRecord(value, where))) {
    entries.set(key, parseEntry(expectRecord(entry, `${where}.${key}`), `${where}.${key}`));
  }
  return entries;
}
