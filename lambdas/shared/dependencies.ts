import { environmentVariables } from '../../platform/functions';
import { systemClock, type Clock } from './clock';
import { requiredSetting, shopTokenGraceMs } from './configuration';
import { openTable, type Table } from './table';

/**
 * Everything a handler reaches outside itself. Production builds it from the
 * environment; tests pass their own clock and keep the real table client
 * (pointed at dynalite through the standard endpoint variable). Handlers that
 * look users up in the user pool get `UserPoolDependencies`
 * (user-pool-dependencies.ts), so only their bundles load the Cognito client.
 */
export interface Dependencies {
  table: Table;
  clock: Clock;
  shopTokenGraceMs: number;
}

export type DependencySource<D extends Dependencies = Dependencies> = () => D;

export function buildDependencies(overrides: Partial<Dependencies> = {}, env: NodeJS.ProcessEnv = process.env): Dependencies {
  return {
    clock: overrides.clock ?? systemClock,
    table: overrides.table ?? openTable(requiredSetting(env, environmentVariables.tableName)),
    shopTokenGraceMs: overrides.shopTokenGraceMs ?? shopTokenGraceMs(env),
  };
}

let production: Dependencies | undefined;

/** Built on the first invocation, then reused by the container. */
export const productionDependencies: DependencySource = () => {
  production ??= buildDependencies();
  return production;
};
