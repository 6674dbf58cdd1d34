import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { environmentVariables } from '../../platform/functions';
import type { Clock } from './clock';
import { requiredSetting, userCacheMs } from './configuration';
import { buildDependencies, type Dependencies, type DependencySource } from './dependencies';
import { traceClient } from './observability';
import { cognitoUserDirectory, type UserDirectory } from './user-directory';

/**
 * The dependencies of the handlers that decide by what the user pool says
 * about the caller (owners, admins). Kept apart from dependencies.ts so that
 * the other functions' bundles never load the Cognito client: about a tenth of
 * a cold start's module loading.
 */
export interface UserPoolDependencies extends Dependencies {
  users: UserDirectory;
}

/** The user pool is only contacted, and USER_POOL_ID only required, when a user is first looked up. */
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

export function buildUserPoolDependencies(overrides: Partial<UserPoolDependencies> = {}, env: NodeJS.ProcessEnv = process.env): UserPoolDependencies {
  const dependencies = buildDependencies(overrides, env);
  return { ...dependencies, users: overrides.users ?? lazyCognitoDirectory(env, dependencies.clock) };
}

let production: UserPoolDependencies | undefined;

/** Built on the first invocation, then reused by the container. */
export const productionUserPoolDependencies: DependencySource<UserPoolDependencies> = () => {
  production ??= buildUserPoolDependencies();
  return production;
};
