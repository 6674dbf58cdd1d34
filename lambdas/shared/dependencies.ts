import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { environmentVariables } from '../../platform/functions';
import { systemClock, type Clock } from './clock';
import { requiredSetting, shopTokenGraceMs, userCacheMs } from './configuration';
import { traceClient } from './observability';
import { openTable, type Table } from './table';
import { cognitoUserDirectory, type UserDirectory } from './user-directory';

/**
 * Everything a handler reaches outside itself. Production builds it from the
 * environment; tests pass their own user directory and clock and keep the real
 * table client (pointed at dynalite through the standard endpoint variable).
 */
export interface Dependencies {
  table: Table;
  users: UserDirectory;
  clock: Clock;
  shopTokenGraceMs: number;
}

export type DependencySource = () => Dependencies;

/** The user pool is only contacted, and USER_POOL_ID only required, by handlers that look users up. */
function lazyCognitoDirectory(env: NodeJS.ProcessEnv, clock: Clock): UserDirectory {
  let directory: UserDirectory | undefined;
  return {
    async findUser(sub) {
      directory ??= cognitoUserDirectory({
        client: traceClient(new CognitoIdentityProviderClient({})),
        userPoolId: requiredSetting(env, environmentVariables.userPoolId),
        cacheMs: userCacheMs(env),
        clock,
      });
      return directory.findUser(sub);
    },
  };
}

export function buildDependencies(overrides: Partial<Dependencies> = {}, env: NodeJS.ProcessEnv = process.env): Dependencies {
  const clock = overrides.clock ?? systemClock;
  return {
    clock,
    table: overrides.table ?? openTable(requiredSetting(env, environmentVariables.tableName)),
    users: overrides.users ?? lazyCognitoDirectory(env, clock),
    shopTokenGraceMs: overrides.shopTokenGraceMs ?? shopTokenGraceMs(env),
  };
}

let production: Dependencies | undefined;

/** Built on the first invocation, then reused by the container. */
export const productionDependencies: DependencySource = () => {
  production ??= buildDependencies();
  return production;
};
