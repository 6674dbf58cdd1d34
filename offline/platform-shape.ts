import { AssemblyError } from './terraform/assembly-error';

/**
 * The offline runtime serves one of each of the platform's central resources
 * on its one endpoint (one user pool, one identity pool, one table, one REST
 * API); more or fewer in the stacks is refused, naming them.
 */
export function single<T extends { address: string }>(items: readonly T[], type: string): T {
  if (items.length !== 1) {
    throw new AssemblyError(
      `The offline runtime emulates exactly one ${type}; the stacks declare ${items.length === 0 ? 'none' : `${items.length}: ${items.map((item) => item.address).join(', ')}`}`,
    );
  }
  return items[0];
}
