import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { AssetType, TerraformAsset } from 'cdktf';
import { Construct } from 'constructs';
import { freshBundle, lambdaArchitecture, lambdaHandler, lambdaRuntime } from '../../bundling/bundle-lambda';
import {
  deployedFunctionName,
  functionPolicy,
  type FunctionDefinition,
  type FunctionResourceArns,
} from '../../platform/functions';
import { policyDocument } from '../../platform/iam-policy';
import { functionLogGroupName, functionRoleName } from '../../platform/resource-names';
import { policyJson } from '../policy-json';

export interface NodejsFunctionProps {
  definition: FunctionDefinition;
  prefix: string;
  environment: Record<string, string>;
  /** ARNs the function's permissions refer to. */
  resources: FunctionResourceArns;
  logRetentionDays: number;
}

/**
 * One platform function: its esbuild bundle as a deterministic zip asset, its log
 * group, and an execution role holding exactly the permissions `platform/functions.ts`
 * lists plus writing its own logs and traces.
 */
export class NodejsFunction extends Construct {
  readonly function: LambdaFunction;
  readonly role: IamRole;
  readonly name: string;

  constructor(scope: Construct, id: string, props: NodejsFunctionProps) {
    super(scope, id);
    const { definition } = props;
    this.name = deployedFunctionName(props.prefix, definition);
    const bundle = freshBundle(definition);
    const code = new TerraformAsset(this, 'code', { path: bundle.zipFile, type: AssetType.FILE });

    const logGroup = new CloudwatchLogGroup(this, 'logs', {
      name: functionLogGroupName(props.prefix, definition),
      retentionInDays: props.logRetentionDays,
    });

    this.role = new IamRole(this, 'role', {
      name: functionRoleName(props.prefix, definition),
      description: `Execution role of ${this.name}`,
      assumeRolePolicy: policyJson(
        policyDocument({
          Effect: 'Allow',
          Principal: { Service: 'lambda.amazonaws.com' },
          Action: 'sts:AssumeRole',
        }),
      ),
    });
    const granted = functionPolicy(definition, props.resources);
    const permissions = new IamRolePolicy(this, 'permissions', {
      name: 'least-privilege',
      role: this.role.id,
      policy: policyJson(
        policyDocument(
          ...granted.Statement,
          {
            Sid: 'OwnLogs',
            Effect: 'Allow',
            Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
            Resource: `${logGroup.arn}:*`,
          },
          {
            // X-Ray accepts no resource narrower than "*" for these actions.
            Sid: 'Traces',
            Effect: 'Allow',
            Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'],
            Resource: '*',
          },
        ),
      ),
    });

    this.function = new LambdaFunction(this, 'function', {
      functionName: this.name,
      description: definition.description,
      role: this.role.arn,
      runtime: lambdaRuntime,
      architectures: [lambdaArchitecture],
      handler: lambdaHandler,
      filename: code.path,
      sourceCodeHash: bundle.zipSha256,
      memorySize: definition.memoryMb,
      timeout: definition.timeoutSeconds,
      tracingConfig: { mode: 'Active' },
      loggingConfig: { logFormat: 'JSON', logGroup: logGroup.name },
      environment: { variables: props.environment },
      dependsOn: [logGroup, permissions],
    });
  }
}
