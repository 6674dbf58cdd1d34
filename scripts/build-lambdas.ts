import { statSync } from 'node:fs';
import { relative } from 'node:path';
import { bundleLambda, repositoryRoot } from '../bundling/bundle-lambda';
import { allFunctions } from '../platform/functions';

/** Builds every Lambda bundle into dist/lambdas and prints each archive's size. */
for (const fn of allFunctions) {
  const bundle = bundleLambda(fn);
  const kib = (statSync(bundle.zipFile).size / 1024).toFixed(1);
  console.log(`${fn.name.padEnd(24)} ${kib.padStart(7)} KiB  ${relative(repositoryRoot, bundle.zipFile)}`);
}
