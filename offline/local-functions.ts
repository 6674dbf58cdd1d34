import { ensureBundle } from '../bundling/bundle-lambda';
import { allFunctions, deployedFunctionName, functionEnvironment, type FunctionDefinition } from '../platform/functions';
import type { PlatformSettings } from '../platform/settings';
import type { FunctionCredentials } from './authorization/function-credentials';
import { LocalFunction } from './lambda/local-function';

export interface LocalFunctionsOptions {
  settings: PlatformSettings;
  /** The runtime's own URL: every AWS SDK client in a function talks to it. */
  endpoint: string;
  accountId: string;
  tableName: string;
  userPoolId: string;
  functionCredentials: FunctionCredentials;
  log: (line: string) => void;
}

/**
 * The api stack's functions, run locally from the same bundles the stack
 * archives, with the environment the stack gives them plus what a sandbox gets
 * from Lambda: the region, the endpoint and its execution role's credentials.
 */
export function startLocalFunctions(options: LocalFunctionsOptions): Map<FunctionDefinition, LocalFunction> {
  const { settings } = options;
  const started = new Map<FunctionDefinition, LocalFunction>();
  for (const definition of allFunctions.filter((candidate) => candidate.stack === 'api')) {
    const name = deployedFunctionName(settings.prefix, definition);
    const session = options.functionCredentials.issue(definition, name);
    started.set(
      definition,
      new LocalFunction({
        name,
        bundleDirectory: ensureBundle(definition),
        environment: {
          ...functionEnvironment(definition, {
            tableName: options.tableName,
            userPoolId: options.userPoolId,
            tokenGraceSeconds: settings.tokenGraceSeconds,
          }),
          AWS_ENDPOINT_URL: options.endpoint,
          AWS_ACCESS_KEY_ID: session.accessKeyId,
          AWS_SECRET_ACCESS_KEY: session.secretAccessKey,
          AWS_SESSION_TOKEN: session.sessionToken,
          // There is no X-Ray daemon offline.
          POWERTOOLS_TRACE_ENABLED: 'false',
          // Lambda runs Node.js 22; the SDK's warning would be about this machine's Node.js, not the function's.
          AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        },
        timeoutSeconds: definition.timeoutSeconds,
        memoryMb: definition.memoryMb,
        region: settings.region,
        accountId: options.accountId,
        log: (line) => options.log(`[${definition.name}] ${line}`),
      }),
    );
  }
  return started;
}
