import { chmodSync, closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { DocumentName } from './documents';
import { StateError } from './errors';

/**
 * JSON documents by name. Reads return fresh copies, so callers can never
 * change stored state without writing it.
 */
export interface DocumentStore {
  /** Where documents live, for messages: a directory, or `(in memory)`. */
  readonly location: string;
  readonly persistent: boolean;
  read(document: DocumentName): unknown;
  write(document: DocumentName, value: unknown): void;
  remove(document: DocumentName): void;
}

const documentNamePattern = /^[a-z0-9-]+\.json$/;

function checkName(document: DocumentName): void {
  // Names are constants, but a path separator here would write outside the data directory.
  if (!documentNamePattern.test(document.name)) throw new StateError(`Invalid document name ${document.name}`);
}

export class InMemoryDocumentStore implements DocumentStore {
  readonly location = '(in memory)';
  readonly persistent = false;
  private readonly documents = new Map<string, string>();

  read(document: DocumentName): unknown {
    checkName(document);
    const text = this.documents.get(document.name);
    return text === undefined ? undefined : JSON.parse(text);
  }

  write(document: DocumentName, value: unknown): void {
    checkName(document);
    this.documents.set(document.name, JSON.stringify(value));
  }

  remove(document: DocumentName): void {
    checkName(document);
    this.documents.delete(document.name);
  }
}

export class FileDocumentStore implements DocumentStore {
  readonly location: string;
  readonly persistent = true;

  constructor(directory: string) {
    this.location = resolve(directory);
    mkdirSync(this.location, { recursive: true, mode: 0o700 });
    restrictToOwner(this.location);
  }

  read(document: DocumentName): unknown {
    checkName(document);
    const path = join(this.location, document.name);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error: unknown) {
      // Structural check: fs errors can come from another realm (e.g. under jest), failing instanceof.
      if (typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT') return undefined;
      throw error;
    }
    try {
      return JSON.parse(text);
    } catch {
      throw new StateError(`${path} is not valid JSON; delete the data directory ${this.location} to start over`);
    }
  }

  /** Temp file + fsync + rename: a crash leaves either the old or the new document, never half of one. */
  write(document: DocumentName, value: unknown): void {
    checkName(document);
    const path = join(this.location, document.name);
    const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    // Owner-only, secret or not: identities, orders and tokens live next to these files.
    const descriptor = openSync(temporary, 'wx', 0o600);
    try {
      writeSync(descriptor, `${JSON.stringify(value, null, 2)}\n`);
      fsyncSync(descriptor);
    } catch (error: unknown) {
      closeSync(descriptor);
      rmSync(temporary, { force: true });
      throw error;
    }
    closeSync(descriptor);
    renameSync(temporary, path);
  }

  remove(document: DocumentName): void {
    checkName(document);
    rmSync(join(this.location, document.name), { force: true });
  }
}

/**
 * The data directory holds identities, credentials, names, phone numbers and
 * shop tokens: the directory and everything under it is made owner-only
 * (0700 and 0600) whatever modes an earlier version or another tool left.
 */
export function restrictToOwner(directory: string): void {
  chmodSync(directory, 0o700);
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) restrictToOwner(path);
    else if (entry.isFile()) chmodSync(path, 0o600);
  }
}

export interface DocumentStoreOptions {
  dataDirectory?: string;
  inMemory?: boolean;
}

export function createDocumentStore(options: DocumentStoreOptions): DocumentStore {
  if (options.inMemory) return new InMemoryDocumentStore();
  if (!options.dataDirectory) throw new StateError('A data directory is required unless inMemory is set');
  return new FileDocumentStore(options.dataDirectory);
}
