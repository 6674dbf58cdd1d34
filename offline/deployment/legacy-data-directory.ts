import type { DocumentStore } from '../state/document-store';
import { documents, legacyDocuments } from '../state/documents';
import { expectNumber, expectRecord, expectString, optionalString } from '../state/shape';
import type { SynthesizedApp } from '../terraform/synthesized-app';
import type { DeploymentState } from './deployment-state';

export interface LegacyCarryOver {
  /** The test users' password, to become the value of the stacks' one secret. */
  secretValue?: { secretAddress: string; value: string };
  carried: string[];
}

/**
 * A data directory from before the runtime read the synthesized stacks kept its
 * generated ids under fixed names. This carries them over to the resources that
 * now own them (the one user pool, client, identity pool, secret and REST API,
 * and each declared user by e-mail), so users, identities, tokens and orders
 * keep working. Done once: afterwards the old files are gone.
 */
export function carryOverLegacyIds(store: DocumentStore, state: DeploymentState, app: SynthesizedApp): LegacyCarryOver {
  const legacy = store.read(legacyDocuments.resources);
  if (legacy === undefined || store.read(documents.deployment) !== undefined) return { carried: [] };
  const where = `${store.location}/${legacyDocuments.resources.name}`;
  const record = expectRecord(legacy, where);
  const resources = app.stacks.flatMap((stack) => stack.resources);
  const only = (type: string) => {
    const found = resources.filter((resource) => resource.type === type);
    return found.length === 1 ? found[0].address : undefined;
  };
  const carried: string[] = [];
  const adopt = (address: string | undefined, key: string, value: string) => {
    if (address === undefined) return;
    state.adopt(address, key, value);
    carried.push(`${address} ${key}`);
  };
  adopt(only('aws_cognito_user_pool'), 'id', expectString(record, 'userPoolId', where));
  adopt(only('aws_cognito_user_pool'), 'creation_date', new Date(expectNumber(record, 'userPoolCreatedAt', where)).toISOString());
  adopt(only('aws_cognito_user_pool_client'), 'id', expectString(record, 'appClientId', where));
  adopt(only('aws_cognito_identity_pool'), 'id', expectString(record, 'identityPoolId', where));
  const secretAddress = only('aws_secretsmanager_secret');
  adopt(secretAddress, 'arn_suffix', expectString(record, 'secretArnSuffix', where));

  const restApi = store.read(legacyDocuments.restApi);
  if (restApi !== undefined) {
    const apiWhere = `${store.location}/${legacyDocuments.restApi.name}`;
    adopt(only('aws_api_gateway_rest_api'), 'id', expectString(expectRecord(restApi, apiWhere), 'apiId', apiWhere));
  }

  // Users were created by e-mail; each declared user takes over the sub of the one with its e-mail.
  const users = store.read(documents.users);
  if (users !== undefined) {
    const stored = Object.values(expectRecord(expectRecord(users, documents.users.name).users, `${documents.users.name}.users`));
    for (const block of resources.filter((resource) => resource.type === 'aws_cognito_user')) {
      const username = block.body.username;
      if (typeof username !== 'string') continue;
      const match = stored.find((entry) => {
        const attributes = expectRecord(expectRecord(entry, 'user').attributes, 'user.attributes');
        return typeof attributes.email === 'string' && attributes.email.toLowerCase() === username.toLowerCase();
      });
      if (match) adopt(block.address, 'sub', expectString(expectRecord(match, 'user'), 'username', 'user'));
    }
  }

  const password = store.read(legacyDocuments.testUsersPassword);
  const value =
    password === undefined ? undefined : optionalString(expectRecord(password, legacyDocuments.testUsersPassword.name), 'password', legacyDocuments.testUsersPassword.name);
  state.save();
  return {
    ...(value !== undefined && secretAddress !== undefined ? { secretValue: { secretAddress, value: JSON.stringify({ password: value }) } } : {}),
    carried,
  };
}

/** Once the services hold what was carried over, the old files go. */
export function removeLegacyDocuments(store: DocumentStore): void {
  for (const document of Object.values(legacyDocuments)) store.remove(document);
}
