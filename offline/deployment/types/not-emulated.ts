import { arns } from '../../aws/arns';
import type { NotEmulatedResourceType } from '../resource-type';

export const cloudwatchLogGroup: NotEmulatedResourceType = {
  type: 'aws_cloudwatch_log_group',
  emulated: false,
  reason: 'CloudWatch Logs: function logs and request lines are printed to the console instead',
  computed: {
    id: (scope) => scope.requiredString('name'),
    arn: (scope) => arns.logGroup(scope.account, scope.requiredString('name')),
  },
};
