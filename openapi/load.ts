import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiDefinitionFile } from '../platform/routes';
import { parseApiDefinition, type ApiDocument } from './document';

export const apiDefinitionPath = join(__dirname, '..', apiDefinitionFile);

/** Reads the definition from the repository (stacks, offline runtime, tests). */
export function loadApiDefinition(): ApiDocument {
  return parseApiDefinition(readFileSync(apiDefinitionPath, 'utf8'));
}
