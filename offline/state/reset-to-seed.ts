import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { DeploymentState } from '../deployment/deployment-state';
import type { DocumentStore } from './document-store';
import { documents, dynamoDbDirectoryName } from './documents';

/**
 * Puts a data directory back to what a first start finds, except what
 * identifies the platform: the ids AWS generated for the stacks' resources
 * (pool, API, users' `sub`s) and the user pool's signing key stay, so
 * outputs.json and configured clients remain valid. Everything created since
 * goes: users and identities, issued credentials and refresh tokens, secrets
 * created through the API, the DynamoDB data. What was applied is forgotten,
 * so the next assembly applies the stacks' users, items and invocations anew.
 */
export function keepOnlyIdentity(store: DocumentStore, dataDirectory: string | undefined): void {
  const state = new DeploymentState(store);
  state.forgetApplied();
  state.save();
  const kept: ReadonlySet<string> = new Set([documents.signingKey.name, documents.deployment.name]);
  for (const document of Object.values(documents)) if (!kept.has(document.name)) store.remove(document);
  if (dataDirectory !== undefined) rmSync(join(dataDirectory, dynamoDbDirectoryName), { recursive: true, force: true });
}
