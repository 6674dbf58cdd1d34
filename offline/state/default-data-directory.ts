import { resolve } from 'node:path';
import { repositoryRoot } from '../repository-root';

/**
 * Where `npm start` keeps the platform's data unless SHOP_DATA_DIR says
 * otherwise, and where `npm run creds`/`call` look for its outputs.json. Its own
 * module, so those small clients do not load the runtime to learn it.
 */
export const defaultDataDirectory = resolve(repositoryRoot, '.local-data');
