import { arns } from '../../aws/arns';
import { AssemblyError } from '../../terraform/assembly-error';
import type { EmulatedResourceType, ResourceScope } from '../resource-type';
import { newIds } from './generated-ids';

function nameOf(scope: ResourceScope): string {
  const name = scope.argument('name');
  if (typeof name === 'string') return name;
  const prefix = scope.argument('name_prefix');
  if (typeof prefix === 'string') return scope.generated('name', () => `${prefix}${newIds.namePrefixSuffix()}`);
  throw new AssemblyError(`${scope.subject}: a secret needs name or name_prefix`);
}

function arnOf(scope: ResourceScope): string {
  return arns.secret(scope.account, nameOf(scope), scope.generated('arn_suffix', newIds.secretSuffix));
}

export const secretsManagerSecret: EmulatedResourceType = {
  type: 'aws_secretsmanager_secret',
  emulated: true,
  computed: {
    name: nameOf,
    arn: arnOf,
    id: arnOf,
  },
  read(scope, reader, parts) {
    reader.skip('name', 'name_prefix', 'tags', 'force_overwrite_replica_secret');
    reader.refuse('policy', "a secret's resource policy is not evaluated offline");
    reader.refuse('replica', 'replica regions are not emulated offline');
    reader.ignore('recovery_window_in_days', 'secrets are not deleted offline except by npm start -- --reset');
    reader.ignore('kms_key_id', 'encryption at rest is not emulated offline');
    const description = reader.optionalString('description');
    parts.secrets.push({
      address: scope.block.address,
      name: nameOf(scope),
      arn: arnOf(scope),
      arnSuffix: scope.generated('arn_suffix', newIds.secretSuffix),
      ...(description === undefined ? {} : { description }),
    });
  },
};
