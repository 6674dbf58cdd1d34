import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestUserSummary } from './cognito-idp';
import type { ControlPlaneIds } from './control-plane';
import { apiStage } from '../platform/routes';
import type { PlatformSettings } from '../platform/settings';

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
  tableName: string;
  testUsersSecretName?: string;
  testUsers: Array<{ email: string; role: string; shopId?: string }>;
  /** Where state is kept, or `(in memory)`. */
  dataDirectory: string;
}

export function runtimeOutputs(input: {
  endpoint: string;
  settings: PlatformSettings;
  ids: ControlPlaneIds;
  apiId: string;
  tableName: string;
  testUsers: TestUserSummary[];
  dataDirectory?: string;
}): RuntimeOutputs {
  const { ids } = input;
  return {
    endpoint: input.endpoint,
    region: input.settings.region,
    accountId: ids.accountId,
    userPoolId: ids.userPoolId,
    userPoolArn: ids.userPoolArn,
    userPoolClientId: ids.userPoolClientId,
    identityPoolId: ids.identityPoolId,
    apiId: input.apiId,
    apiUrl: `${input.endpoint}/${apiStage}`,
    stage: apiStage,
    tableName: input.tableName,
    testUsersSecretName: ids.testUsersSecretName,
    testUsers: input.testUsers.map((user) => ({ email: user.email, role: user.role, ...(user.shopId ? { shopId: user.shopId } : {}) })),
    dataDirectory: input.dataDirectory ?? '(in memory)',
  };
}

export function writeOutputsFile(dataDirectory: string, outputs: RuntimeOutputs): string {
  mkdirSync(dataDirectory, { recursive: true });
  const file = join(dataDirectory, 'outputs.json');
  writeFileSync(file, `${JSON.stringify(outputs, null, 2)}\n`);
  return file;
}
