import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The checkout this runtime belongs to: the nearest directory above this code
 * holding a package.json. The code runs from offline/ (jest, tsx) or from the
 * bundle `npm start` builds in dist/offline/ (see command-bundle.js), so a path
 * relative to __dirname would differ between the two.
 */
function nearestPackageDirectory(start: string): string {
  for (let directory = start; ; directory = dirname(directory)) {
    if (existsSync(join(directory, 'package.json'))) return directory;
    if (dirname(directory) === directory) throw new Error(`No package.json in ${start} or above it`);
  }
}

export const repositoryRoot = nearestPackageDirectory(__dirname);
