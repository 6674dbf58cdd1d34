import { arns } from '../../aws/arns';
import type { EmulatedResourceType, ResourceScope } from '../resource-type';
import { nameOrPrefix, newIds } from './generated-ids';

function arnOf(scope: ResourceScope): string {
  return arns.secret(scope.account, nameOrPrefix(scope), scope.generated('arn_suffix', newIds.secretSuffix));
}

export const secretsManagerSecret: EmulatedResourceType = {
  type: 'aws_secretsmanager_secret',
  emulated: true,
  computed: {
    name: nameOrPrefix,
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
      name: nameOrPrefix(scope),
      arn: arnOf(scope),
      arnSuffix: scope.generated('arn_suffix', newIds.secretSuffix),
      ...(description === undefined ? {} : { description }),
    });
  },
};
