import type { FunctionCredentials } from './authorization/function-credentials';
import type { FunctionConfig } from './deployment/model';
import type { IamRoles } from './iam/roles';
import { LocalFunction } from './lambda/local-function';
import { SandboxBudget } from './lambda/sandbox-budget';
import { sandboxEnvironment } from './local-account';

export interface LocalFunctionsOptions {
  functions: readonly FunctionConfig[];
  /** The runtime's own URL: every AWS SDK client in a function talks to it. */
  endpoint: string;
  region: string;
  accountId: string;
  functionCredentials: FunctionCredentials;
  roles: IamRoles;
  log: (line: string) => void;
}

/** Sandboxes a function may have at once offline; more concurrent calls wait, as they would for reserved concurrency. */
const maxSandboxes = 4;

/**
 * Every function the stacks declare, run from the deployment package Terraform
 * uploads, with the environment the stacks give it plus what a sandbox gets
 * from Lambda: the region, the endpoint and its execution role's credentials.
 */
export function startLocalFunctions(options: LocalFunctionsOptions): Map<string, LocalFunction> {
  const started = new Map<string, LocalFunction>();
  // One budget for all of them: memory is the process's, whichever function uses it.
  const budget = new SandboxBudget();
  for (const fn of options.functions) {
    const role = options.roles.role(fn.roleArn);
    // The deployment was linked with every function's role in it; this cannot be missing.
    if (!role) throw new Error(`${fn.name}: its role ${fn.roleArn} is not a role of the stacks`);
    const session = options.functionCredentials.issue(fn.name, role);
    started.set(
      fn.name,
      new LocalFunction({
        name: fn.name,
        codeDirectory: fn.codeDirectory,
        handler: fn.handler,
        environment: {
          ...fn.environment,
          ...sandboxEnvironment(options.endpoint),
          AWS_ACCESS_KEY_ID: session.accessKeyId,
          AWS_SECRET_ACCESS_KEY: session.secretAccessKey,
          AWS_SESSION_TOKEN: session.sessionToken,
        },
        timeoutSeconds: fn.timeoutSeconds,
        memoryMb: fn.memoryMb,
        region: options.region,
        accountId: options.accountId,
        maxConcurrency: fn.reservedConcurrency === undefined ? maxSandboxes : Math.min(fn.reservedConcurrency, maxSandboxes),
        log: (line) => options.log(`[${fn.name}] ${line}`),
        budget,
      }),
    );
  }
  return started;
}
