import { randomUUID } from 'node:crypto';
import type { DocumentStore } from '../state/document-store';
import { documents } from '../state/documents';
import { alphanumerics, randomString } from '../state/random';

/** A secret created through the API; it may have no value yet, as on AWS. */
export interface CreatedSecret {
  name: string;
  arnSuffix: string;
  createdAt: number;
  description?: string;
  current?: { versionId: string; value: string; createdAt: number };
}

/** Secrets created with CreateSecret and given values with PutSecretValue, kept in the data directory. */
export class CreatedSecrets {
  private readonly secrets: CreatedSecret[];

  constructor(private readonly store: DocumentStore) {
    const stored = store.read(documents.createdSecrets);
    this.secrets = Array.isArray(stored) ? (stored as CreatedSecret[]) : [];
  }

  all(): readonly CreatedSecret[] {
    return this.secrets;
  }

  create(name: string, createdAt: number, description?: string, arnSuffix: string = randomString(alphanumerics, 6)): CreatedSecret {
    const secret: CreatedSecret = { name, arnSuffix, createdAt, description };
    this.secrets.push(secret);
    this.save();
    return secret;
  }

  putValue(secret: CreatedSecret, value: string, createdAt: number): string {
    const versionId = randomUUID();
    secret.current = { versionId, value, createdAt };
    this.save();
    return versionId;
  }

  private save(): void {
    this.store.write(documents.createdSecrets, this.secrets);
  }
}
