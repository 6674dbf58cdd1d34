import { createHash } from 'node:crypto';
import { arns } from '../../aws/arns';
import { asTerraformValue, isTerraformObject, type TerraformValue } from '../../terraform/values';
import type { BlockReader } from '../block-reader';
import type { EmulatedResourceType, ResourceScope } from '../resource-type';

function tableArn(scope: ResourceScope): string {
  return arns.table(scope.account, scope.requiredString('name'));
}

function keySchema(hashKey: string, rangeKey: string | undefined): TerraformValue[] {
  return [{ AttributeName: hashKey, KeyType: 'HASH' }, ...(rangeKey === undefined ? [] : [{ AttributeName: rangeKey, KeyType: 'RANGE' }])];
}

function projection(block: BlockReader): TerraformValue {
  const type = block.string('projection_type');
  if (type !== 'ALL' && type !== 'KEYS_ONLY' && type !== 'INCLUDE') throw block.error('projection_type', 'must be ALL, KEYS_ONLY or INCLUDE');
  const nonKey = block.optionalStringList('non_key_attributes');
  return { ProjectionType: type, ...(nonKey === undefined ? {} : { NonKeyAttributes: nonKey }) };
}

function throughput(block: BlockReader, provisioned: boolean): Record<string, TerraformValue> {
  const read = block.optionalNumber('read_capacity');
  const write = block.optionalNumber('write_capacity');
  if (!provisioned) return {};
  return { ProvisionedThroughput: { ReadCapacityUnits: read ?? 1, WriteCapacityUnits: write ?? 1 } };
}

export const dynamodbTable: EmulatedResourceType = {
  type: 'aws_dynamodb_table',
  emulated: true,
  computed: {
    id: (scope) => scope.requiredString('name'),
    arn: tableArn,
  },
  read(scope, reader, parts) {
    const name = reader.string('name');
    const billingMode = reader.optionalString('billing_mode') ?? 'PROVISIONED';
    if (billingMode !== 'PROVISIONED' && billingMode !== 'PAY_PER_REQUEST') throw reader.error('billing_mode', 'must be PROVISIONED or PAY_PER_REQUEST');
    const provisioned = billingMode === 'PROVISIONED';
    const hashKey = reader.string('hash_key');
    const rangeKey = reader.optionalString('range_key');
    const attributes = reader.blocks('attribute').map((block) => {
      const type = block.string('type');
      if (type !== 'S' && type !== 'N' && type !== 'B') throw block.error('type', 'must be S, N or B');
      const definition = { AttributeName: block.string('name'), AttributeType: type };
      block.finish();
      return definition;
    });
    const indexes = (key: string, local: boolean) =>
      reader.blocks(key).map((block) => {
        const index: Record<string, TerraformValue> = {
          IndexName: block.string('name'),
          KeySchema: keySchema(local ? hashKey : block.string('hash_key'), block.optionalString('range_key')),
          Projection: projection(block),
          ...(local ? {} : throughput(block, provisioned)),
        };
        block.ignore('on_demand_throughput', 'capacity is not enforced offline');
        block.ignore('warm_throughput', 'capacity is not enforced offline');
        block.finish();
        return index;
      });
    const globalIndexes = indexes('global_secondary_index', false);
    const localIndexes = indexes('local_secondary_index', true);
    const tableThroughput = throughput(reader, provisioned);
    parts.tables.push({
      address: scope.block.address,
      name,
      arn: tableArn(scope),
      hashKey,
      ...(rangeKey === undefined ? {} : { rangeKey }),
      createTableRequest: {
        TableName: name,
        BillingMode: billingMode,
        AttributeDefinitions: attributes,
        KeySchema: keySchema(hashKey, rangeKey),
        ...tableThroughput,
        ...(globalIndexes.length > 0 ? { GlobalSecondaryIndexes: globalIndexes } : {}),
        ...(localIndexes.length > 0 ? { LocalSecondaryIndexes: localIndexes } : {}),
      },
    });
    reader.ignore('ttl', 'items are not deleted when their time to live passes (dynalite has no TTL); expiry checks in code still apply');
    reader.ignore('point_in_time_recovery', 'backups are not emulated offline');
    reader.ignore('server_side_encryption', 'encryption at rest is not emulated offline');
    reader.ignore('deletion_protection_enabled', 'the offline table is deleted only by npm start -- --reset');
    reader.ignore('stream_enabled', 'DynamoDB Streams are not emulated offline');
    reader.ignore('stream_view_type', 'DynamoDB Streams are not emulated offline');
    reader.ignore('on_demand_throughput', 'capacity is not enforced offline');
    reader.ignore('warm_throughput', 'capacity is not enforced offline');
    reader.refuse('replica', 'global tables are not emulated offline');
    reader.refuse('import_table', 'imports are not emulated offline');
    reader.refuse('restore_source_name', 'restores are not emulated offline');
    reader.refuse('restore_source_table_arn', 'restores are not emulated offline');
    reader.refuse('restore_to_latest_time', 'restores are not emulated offline');
    reader.refuse('restore_date_time', 'restores are not emulated offline');
    reader.skip('table_class', 'tags', 'timeouts');
  },
};

export const dynamodbTableItem: EmulatedResourceType = {
  type: 'aws_dynamodb_table_item',
  emulated: true,
  computed: {
    id: (scope) => scope.generated('id', () => `${scope.requiredString('table_name')}|${scope.block.name}`),
  },
  read(scope, reader, parts) {
    const text = reader.string('item');
    let item: TerraformValue;
    try {
      item = asTerraformValue(JSON.parse(text), 'item');
    } catch {
      throw reader.error('item', 'is not valid JSON');
    }
    if (!isTerraformObject(item)) throw reader.error('item', 'must be a JSON object of DynamoDB attribute values');
    const hashKey = reader.string('hash_key');
    const rangeKey = reader.optionalString('range_key');
    for (const key of [hashKey, ...(rangeKey === undefined ? [] : [rangeKey])]) {
      if (item[key] === undefined) throw reader.error('item', `has no value for the key attribute ${key}`);
    }
    const lifecycle = scope.block.body.lifecycle;
    const ignored = isTerraformObject(lifecycle) && Array.isArray(lifecycle.ignore_changes) ? lifecycle.ignore_changes : [];
    parts.tableItems.push({
      address: scope.block.address,
      tableName: reader.string('table_name'),
      hashKey,
      ...(rangeKey === undefined ? {} : { rangeKey }),
      item,
      fingerprint: createHash('sha256').update(text).digest('base64'),
      ignoreItemChanges: ignored.includes('item') || ignored.includes('all'),
    });
  },
};
