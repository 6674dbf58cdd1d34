import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DeclaredUserSummary } from './cognito-idp';
import type { ControlPlaneIds } from './control-plane';
import type { OfflineDeployment } from './deployment/model';
import type { TerraformValue } from './terraform/values';
import { staticSitePath } from './http/static-site-host';

/** What `npm start` prints and writes to `.local-data/outputs.json`: the stack outputs, offline. */
export interface RuntimeOutputs {
  endpoint: string;
  region: string;
  accountId: string;
  userPoolId: string;
  userPoolArn: string;
  userPoolClientId: string;
  identityPoolId: string;
  apiId: string;
  apiUrl: string;
  stage: string;
  /** Where the runtime serves the stacks' static site (the web stack's bucket), if they declare one. */
  webAppUrl?: string;
  tableName: string;
  testUsersSecretName?: string;
  testUsers: Array<{ email: string; role?: string; shopId?: string }>;
  /** Every stack's outputs that are not sensitive, as `terraform output` would show them. */
  stackOutputs: Record<string, Record<string, TerraformValue>>;
  /** Where state is kept, or `(in memory)`. */
  dataDirectory: string;
  /**
   * Each shop's token when the platform started, for scripts. Tokens rotate on
   * the schedule: `npm run call -- --shop <id>` always reads the current one.
   */
  shopTokensAtStart?: Record<string, string>;
}

/** An output any stack declares under this name, if it is a string. */
function stackOutput(deployment: OfflineDeployment, name: string): string | undefined {
  for (const outputs of Object.values(deployment.outputs)) {
    const value = outputs[name];
    if (typeof value === 'string') return value;
  }
  return undefined;
}

export function runtimeOutputs(input: {
  endpoint: string;
  deployment: OfflineDeployment;
  ids: ControlPlaneIds;
  users: DeclaredUserSummary[];
  tableName: string;
  dataDirectory?: string;
}): RuntimeOutputs {
  const { ids, deployment } = input;
  const api = deployment.restApis[0];
  const stage = deployment.stages.find((candidate) => candidate.restApiId === api?.id)?.name ?? '';
  const secretName = stackOutput(deployment, 'test_users_secret_name');
  return {
    endpoint: input.endpoint,
    region: deployment.account.region,
    accountId: deployment.account.accountId,
    userPoolId: ids.userPoolId,
    userPoolArn: ids.userPoolArn,
    userPoolClientId: ids.userPoolClientId,
    identityPoolId: ids.identityPoolId,
    apiId: api?.id ?? '',
    apiUrl: `${input.endpoint}/${stage}`,
    stage,
    ...(deployment.staticSite.length > 0 ? { webAppUrl: `${input.endpoint}${staticSitePath}` } : {}),
    tableName: input.tableName,
    ...(secretName === undefined ? {} : { testUsersSecretName: secretName }),
    testUsers: input.users.map((user) => ({
      email: user.email,
      ...(user.attributes['custom:role'] ? { role: user.attributes['custom:role'] } : {}),
      ...(user.attributes['custom:shopId'] ? { shopId: user.attributes['custom:shopId'] } : {}),
    })),
    stackOutputs: deployment.outputs,
    dataDirectory: input.dataDirectory ?? '(in memory)',
  };
}

export function writeOutputsFile(dataDirectory: string, outputs: RuntimeOutputs): string {
  mkdirSync(dataDirectory, { recursive: true });
  const file = join(dataDirectory, 'outputs.json');
  writeFileSync(file, `${JSON.stringify(outputs, null, 2)}\n`);
  return file;
}
