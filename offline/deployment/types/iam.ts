import { arns } from '../../aws/arns';
import { parsePolicyDocument, PolicySyntaxError, type PolicyDocument } from '../../iam/policy';
import type { BlockReader } from '../block-reader';
import type { EmulatedResourceType, ResourceScope } from '../resource-type';
import { nameOrPrefix, newIds, nowIso } from './generated-ids';

/** Reads a policy argument (JSON text), naming the argument if it is not a policy IAM would accept. */
export function readPolicy(reader: BlockReader, key: string): PolicyDocument {
  const text = reader.string(key);
  try {
    return parsePolicyDocument(text, key);
  } catch (error) {
    if (error instanceof PolicySyntaxError) throw reader.error(key, error.message);
    throw error;
  }
}

function rolePath(scope: ResourceScope): string {
  const path = scope.argument('path');
  return typeof path === 'string' ? path : '/';
}

export const iamRole: EmulatedResourceType = {
  type: 'aws_iam_role',
  emulated: true,
  computed: {
    name: nameOrPrefix,
    id: nameOrPrefix,
    arn: (scope) => arns.role(scope.account.accountId, nameOrPrefix(scope), rolePath(scope)),
    unique_id: (scope) => scope.generated('unique_id', newIds.roleUniqueId),
    create_date: (scope) => scope.generated('create_date', nowIso),
  },
  read(scope, reader, parts) {
    reader.skip('name', 'name_prefix', 'path', 'description', 'tags', 'force_detach_policies');
    const maxSession = reader.optionalNumber('max_session_duration') ?? 3600;
    if (!Number.isInteger(maxSession) || maxSession < 3600 || maxSession > 43_200) {
      throw reader.error('max_session_duration', 'must be a whole number of seconds from 3600 to 43200');
    }
    reader.refuse('permissions_boundary', 'permissions boundaries are not evaluated offline');
    const name = nameOrPrefix(scope);
    parts.roles.push({
      address: scope.block.address,
      name,
      arn: arns.role(scope.account.accountId, name, rolePath(scope)),
      uniqueId: scope.generated('unique_id', newIds.roleUniqueId),
      trustPolicy: readPolicy(reader, 'assume_role_policy'),
      maxSessionDurationSeconds: maxSession,
      inlinePolicies: reader.blocks('inline_policy').flatMap((block) => {
        // An empty inline_policy block is how Terraform says "no inline policies besides the managed ones".
        if (!block.has('policy')) {
          block.skip('name', 'name_prefix');
          block.finish();
          return [];
        }
        const policy = { name: `${name}/${block.string('name')}`, document: readPolicy(block, 'policy') };
        block.finish();
        return [policy];
      }),
      managedPolicies: (reader.optionalStringList('managed_policy_arns') ?? []).map((arn) => ({ arn, address: scope.block.address })),
    });
  },
};

export const iamRolePolicy: EmulatedResourceType = {
  type: 'aws_iam_role_policy',
  emulated: true,
  computed: {
    name: nameOrPrefix,
    id: (scope) => `${scope.requiredString('role')}:${nameOrPrefix(scope)}`,
  },
  read(scope, reader, parts) {
    reader.skip('name', 'name_prefix');
    const roleName = reader.string('role');
    parts.rolePolicies.push({
      address: scope.block.address,
      roleName,
      policy: { name: `${roleName}/${nameOrPrefix(scope)}`, document: readPolicy(reader, 'policy') },
    });
  },
};

export const iamRolePolicyAttachment: EmulatedResourceType = {
  type: 'aws_iam_role_policy_attachment',
  emulated: true,
  computed: {
    id: (scope) => scope.generated('id', () => `${scope.requiredString('role')}-${newIds.namePrefixSuffix()}`),
  },
  read(scope, reader, parts) {
    parts.rolePolicyAttachments.push({ address: scope.block.address, roleName: reader.string('role'), policyArn: reader.string('policy_arn') });
  },
};

export const iamPolicy: EmulatedResourceType = {
  type: 'aws_iam_policy',
  emulated: true,
  computed: {
    name: nameOrPrefix,
    arn: (scope) => arns.customerManagedPolicy(scope.account.accountId, nameOrPrefix(scope), rolePath(scope)),
    id: (scope) => arns.customerManagedPolicy(scope.account.accountId, nameOrPrefix(scope), rolePath(scope)),
    policy_id: (scope) => scope.generated('policy_id', () => `ANPA${newIds.upper(17)}`),
  },
  read(scope, reader, parts) {
    reader.skip('name', 'name_prefix', 'path', 'description', 'tags');
    const name = nameOrPrefix(scope);
    parts.customerManagedPolicies.push({
      address: scope.block.address,
      arn: arns.customerManagedPolicy(scope.account.accountId, name, rolePath(scope)),
      policy: { name, document: readPolicy(reader, 'policy') },
    });
  },
};
