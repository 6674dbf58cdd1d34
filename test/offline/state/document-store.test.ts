import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileDocumentStore, InMemoryDocumentStore, createDocumentStore } from '../../../offline/state/document-store';
import { documents } from '../../../offline/state/documents';
import { StateError } from '../../../offline/state/errors';

describe('data directory documents', () => {
  let directory: string;
  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'control-plane-state-'));
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  it('writes JSON atomically and leaves no temp files', () => {
    const store = new FileDocumentStore(join(directory, 'nested', 'data'));
    store.write(documents.identities, { identities: { a: 1 } });
    store.write(documents.identities, { identities: { b: 2 } });
    expect(store.read(documents.identities)).toEqual({ identities: { b: 2 } });
    expect(readdirSync(store.location)).toEqual(['identities.json']);
    expect(JSON.parse(readFileSync(join(store.location, 'identities.json'), 'utf8'))).toEqual({ identities: { b: 2 } });
  });

  it('writes every document with mode 0600', () => {
    const store = new FileDocumentStore(directory);
    for (const document of Object.values(documents)) store.write(document, {});
    for (const document of Object.values(documents)) {
      expect({ name: document.name, mode: (statSync(join(directory, document.name)).mode & 0o777).toString(8) }).toEqual({ name: document.name, mode: '600' });
    }
  });

  it('makes an existing data directory owner-only, whatever modes it had: directories 0700, files 0600', () => {
    const existing = join(directory, 'existing');
    mkdirSync(join(existing, 'dynamodb'), { recursive: true, mode: 0o755 });
    chmodSync(existing, 0o755);
    writeFileSync(join(existing, 'identities.json'), '{}', { mode: 0o644 });
    writeFileSync(join(existing, 'dynamodb', '000003.log'), 'x', { mode: 0o644 });
    new FileDocumentStore(existing);
    const mode = (path: string) => (statSync(path).mode & 0o777).toString(8);
    expect([mode(existing), mode(join(existing, 'dynamodb'))]).toEqual(['700', '700']);
    expect([mode(join(existing, 'identities.json')), mode(join(existing, 'dynamodb', '000003.log'))]).toEqual(['600', '600']);
  });

  it('reads a missing document as undefined and a corrupt one as an error naming the file', () => {
    const store = new FileDocumentStore(directory);
    expect(store.read(documents.users)).toBeUndefined();
    writeFileSync(join(directory, 'users.json'), '{"users": ');
    expect(() => store.read(documents.users)).toThrow(StateError);
    expect(() => store.read(documents.users)).toThrow(/users\.json is not valid JSON/);
  });

  it('refuses document names that could leave the directory', () => {
    const store = new FileDocumentStore(directory);
    expect(() => store.write({ name: '../escape.json' }, {})).toThrow(/Invalid document name/);
  });

  it('keeps in-memory documents as copies', () => {
    const store = new InMemoryDocumentStore();
    const value = { users: { a: { name: 'x' } } };
    store.write(documents.users, value);
    value.users.a.name = 'changed';
    const read = store.read(documents.users) as typeof value;
    read.users.a.name = 'changed too';
    expect(store.read(documents.users)).toEqual({ users: { a: { name: 'x' } } });
    expect(store.persistent).toBe(false);
  });

  it('creates an in-memory store when asked even if a directory is given, and needs a directory otherwise', () => {
    const path = join(directory, 'never-created');
    expect(createDocumentStore({ inMemory: true, dataDirectory: path })).toBeInstanceOf(InMemoryDocumentStore);
    expect(() => readdirSync(path)).toThrow();
    expect(() => createDocumentStore({})).toThrow(/data directory is required/);
  });
});
