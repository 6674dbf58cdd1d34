import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repositoryRoot } from '../bundling/bundle-lambda';
import { renderAccessMatrix } from '../security/render-access-matrix';

/** Writes docs/access-matrix.md from security/access-matrix.ts. */
const file = join(repositoryRoot, 'docs', 'access-matrix.md');
writeFileSync(file, renderAccessMatrix());
console.log(`Wrote ${file}`);
