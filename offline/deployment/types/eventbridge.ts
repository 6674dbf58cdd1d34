import { arns } from '../../aws/arns';
import { rateIntervalMs } from '../../events/schedule-expression';
import type { EmulatedResourceType, ResourceScope } from '../resource-type';
import { nameOrPrefix, newIds } from './generated-ids';

function eventBus(scope: ResourceScope): string {
  const bus = scope.argument('event_bus_name');
  return typeof bus === 'string' ? bus : 'default';
}

export const cloudwatchEventRule: EmulatedResourceType = {
  type: 'aws_cloudwatch_event_rule',
  emulated: true,
  computed: {
    name: nameOrPrefix,
    id: nameOrPrefix,
    arn: (scope) => arns.eventRule(scope.account, nameOrPrefix(scope), eventBus(scope)),
  },
  read(scope, reader, parts) {
    reader.skip('name', 'name_prefix', 'description', 'tags', 'role_arn');
    if (eventBus(scope) !== 'default') throw reader.error('event_bus_name', 'only the default event bus is emulated offline');
    reader.skip('event_bus_name');
    reader.refuse('event_pattern', 'event patterns are not emulated offline; only schedules are');
    const expression = reader.string('schedule_expression');
    const intervalMs = rateIntervalMs(expression);
    if (intervalMs === undefined) throw reader.error('schedule_expression', `"${expression}" is not a rate() expression; cron schedules are not emulated offline`);
    const state = reader.optionalString('state');
    const isEnabled = reader.optionalBoolean('is_enabled');
    parts.eventRules.push({
      address: scope.block.address,
      name: nameOrPrefix(scope),
      arn: arns.eventRule(scope.account, nameOrPrefix(scope), eventBus(scope)),
      intervalMs,
      enabled: state === undefined ? isEnabled !== false : state !== 'DISABLED',
    });
  },
};

export const cloudwatchEventTarget: EmulatedResourceType = {
  type: 'aws_cloudwatch_event_target',
  emulated: true,
  computed: {
    target_id: (scope) => {
      const id = scope.argument('target_id');
      return typeof id === 'string' ? id : scope.generated('target_id', () => `terraform-${newIds.namePrefixSuffix()}`);
    },
    id: (scope) => `${scope.requiredString('rule')}-${String(scope.attribute('target_id'))}`,
  },
  read(scope, reader, parts) {
    const bus = reader.optionalString('event_bus_name') ?? 'default';
    if (bus !== 'default') throw reader.error('event_bus_name', 'only the default event bus is emulated offline');
    reader.refuse('input_path', 'input paths are not emulated offline; give the event as input');
    reader.refuse('input_transformer', 'input transformers are not emulated offline; give the event as input');
    for (const key of ['ecs_target', 'batch_target', 'kinesis_target', 'sqs_target', 'http_target', 'run_command_targets', 'redshift_target', 'sagemaker_pipeline_target', 'appsync_target']) {
      reader.refuse(key, 'only Lambda targets are emulated offline');
    }
    reader.ignore('retry_policy', 'failed scheduled invocations are logged, not retried, offline');
    reader.ignore('dead_letter_config', 'failed scheduled invocations are logged, not retried, offline');
    reader.ignore('role_arn', 'EventBridge invokes Lambda targets through their resource-based policy, not a role');
    reader.skip('target_id', 'force_destroy');
    const input = reader.optionalString('input');
    if (input !== undefined && !isJson(input)) throw reader.error('input', 'is not valid JSON, which EventBridge requires');
    parts.eventTargets.push({
      address: scope.block.address,
      ruleName: reader.string('rule'),
      functionArn: reader.string('arn'),
      ...(input === undefined ? {} : { input }),
    });
  },
};

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
