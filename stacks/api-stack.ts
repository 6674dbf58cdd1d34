import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import { loadApiDefinition } from '../openapi/load';
import { callerRoleNames, type CallerRole } from '../platform/caller-roles';
import { functionEnvironment, functions, type FunctionDefinition } from '../platform/functions';
import { routes } from '../platform/routes';
import { AggregatesReconciliation } from './constructs/aggregates-reconciliation';
import { ApiGatewayAccountLogging } from './constructs/api-gateway-account';
import { ApiWebAcl } from './constructs/api-web-acl';
import { CallerInvokePolicies } from './constructs/caller-invoke-policies';
import { NodejsFunction } from './constructs/nodejs-function';
import { RestApi } from './constructs/rest-api';
import { TokenRotationSchedule } from './constructs/token-rotation-schedule';
import type { DataStack } from './data-stack';
import type { DeploymentConfig } from './deployment-config';
import type { IdentityStack } from './identity-stack';
import { PlatformStack } from './platform-stack';

/** The REST API, one function per operation, the token rotation, the aggregates' reconciliation and the caller roles' API policies. */
export class ApiStack extends PlatformStack {
  readonly restApi: RestApi;

  constructor(scope: Construct, id: string, config: DeploymentConfig, identity: IdentityStack, data: DataStack) {
    super(scope, id, config);
    const { settings } = config;
    const table = data.ordersTable.table;
    const userPool = identity.userPool.pool;

    const makeFunction = (definition: FunctionDefinition, answersBrowsers = false): NodejsFunction =>
      new NodejsFunction(this, definition.name, {
        definition,
        prefix: settings.prefix,
        environment: functionEnvironment(definition, {
          tableName: table.name,
          userPoolId: userPool.id,
          tokenGraceSeconds: settings.tokenGraceSeconds,
          userCacheSeconds: settings.userCacheSeconds,
          webOrigin: answersBrowsers ? settings.webOrigin : undefined,
        }),
        resources: { table: table.arn, userPool: userPool.arn },
        logRetentionDays: settings.logRetentionDays,
      });

    const handlers: Record<string, NodejsFunction> = {};
    for (const route of routes) handlers[route.operationId] = makeFunction(route.function, true);

    const logging = settings.manageApiGatewayAccount
      ? [new ApiGatewayAccountLogging(this, 'apigateway-account', { prefix: settings.prefix }).account]
      : [];
    this.restApi = new RestApi(this, 'rest-api', {
      prefix: settings.prefix,
      document: loadApiDefinition(),
      handlers,
      logRetentionDays: settings.logRetentionDays,
      throttle: { rateLimit: settings.apiThrottleRateLimit, burstLimit: settings.apiThrottleBurstLimit },
      stageDependsOn: logging,
      webOrigin: settings.webOrigin,
    });

    new ApiWebAcl(this, 'web-acl', { prefix: settings.prefix, stageArn: this.restApi.stage.arn, rateLimitPerIp: settings.wafRateLimit });

    const roleNames = {} as Record<CallerRole, string>;
    for (const role of callerRoleNames) roleNames[role] = identity.identityPool.roles[role].name;
    new CallerInvokePolicies(this, 'caller-invoke-policies', {
      roleNames,
      executionArn: this.restApi.api.executionArn,
    });

    new TokenRotationSchedule(this, 'token-rotation', {
      prefix: settings.prefix,
      rotation: makeFunction(functions.rotateAllShopTokens),
      scheduleExpression: settings.tokenRotationSchedule,
    });

    const reconcile = makeFunction(functions.reconcileAggregates);
    new AggregatesReconciliation(this, 'aggregates', { reconcile });

    new TerraformOutput(this, 'api_id', { value: this.restApi.api.id });
    new TerraformOutput(this, 'api_url', { value: this.restApi.stage.invokeUrl });
    new TerraformOutput(this, 'reconcile_aggregates_function', {
      value: reconcile.function.functionName,
      description: 'Invoke with {"mode":"verify"} to compare the aggregates with a recount, {"mode":"reconcile"} to correct them',
    });
  }
}
