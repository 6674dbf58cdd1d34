import type { ControlPlane } from './control-plane';
import type { DeploymentState } from './deployment/deployment-state';
import type { LegacyCarryOver } from './deployment/legacy-data-directory';
import type { OfflineDeployment } from './deployment/model';
import { applyDeclaredItem, applyDeclaredTable } from './dynamodb/declared-tables';
import type { LocalDynamoDb } from './dynamodb/local-dynamodb';
import type { InvocationResult } from './lambda/local-function';

export interface ApplyServices {
  state: DeploymentState;
  controlPlane: ControlPlane;
  dynamoDb: LocalDynamoDb;
  /** Invokes a function as Terraform does for aws_lambda_invocation: directly, with the deployer's rights. */
  invoke(functionName: string, event: unknown): Promise<InvocationResult>;
  log(line: string): void;
  legacy: LegacyCarryOver;
}

/**
 * What `terraform apply` does to the services on a start, resource by resource
 * in the stacks' order: creates declared users, secrets, tables and items that
 * the data directory lacks, applies changed users and items, and invokes each
 * aws_lambda_invocation the first time and whenever its input or triggers change.
 * A failed invocation fails the start, as it fails an apply.
 */
export async function applyDeployment(deployment: OfflineDeployment, services: ApplyServices): Promise<void> {
  const { state, controlPlane, dynamoDb, log } = services;
  const byAddress = <T extends { address: string }>(items: readonly T[]) => new Map(items.map((item) => [item.address, item]));
  const users = byAddress(deployment.users);
  const secrets = byAddress(deployment.secrets);
  const tables = byAddress(deployment.tables);
  const items = byAddress(deployment.tableItems);
  const invocations = byAddress(deployment.invocations);

  for (const address of deployment.applyOrder) {
    const user = users.get(address);
    if (user) {
      const outcome = await controlPlane.userPool.applyDeclaredUser(user, !state.isApplied(address, user.fingerprint));
      if (outcome !== 'unchanged') log(`${outcome === 'created' ? 'Created' : 'Updated'} user ${user.username} (${address})`);
      state.markApplied(address, user.fingerprint);
    }
    const secret = secrets.get(address);
    if (secret) {
      controlPlane.secrets.applyDeclaredSecret(secret);
      if (services.legacy.secretValue?.secretAddress === address) controlPlane.secrets.putValueIfEmpty(secret.name, services.legacy.secretValue.value);
    }
    const table = tables.get(address);
    if (table) await applyDeclaredTable(dynamoDb, table);
    const item = items.get(address);
    if (item && !state.isApplied(address, item.fingerprint) && !(item.ignoreItemChanges && state.wasEverApplied(address))) {
      const itemTable = deployment.tables.find((candidate) => candidate.name === item.tableName);
      // Linking made sure every item's table is one of the stacks'.
      if (!itemTable) throw new Error(`${address}: its table ${item.tableName} is not declared`);
      await applyDeclaredItem(dynamoDb, item, !state.wasEverApplied(address), itemTable.hashKey);
      state.markApplied(address, item.fingerprint);
    }
    const invocation = invocations.get(address);
    if (invocation && !state.isApplied(address, invocation.fingerprint)) {
      const result = await services.invoke(invocation.functionName, JSON.parse(invocation.input));
      if (!result.ok) throw new Error(`${address}: invoking ${invocation.functionName} failed (${result.error.errorType}: ${result.error.errorMessage}), as terraform apply would`);
      log(`Invoked ${invocation.functionName} (${address}): ${JSON.stringify(result.result)}`);
      state.markApplied(address, invocation.fingerprint);
    }
  }
}
