import { arns } from '../../aws/arns';
import type { ApiDocument } from '../../../openapi/document';
import { asTerraformValue, isTerraformObject, type TerraformValue } from '../../terraform/values';
import type { EmulatedResourceType, NotEmulatedResourceType, ResourceScope } from '../resource-type';
import { newIds, nowIso } from './generated-ids';

function restApiId(scope: ResourceScope): string {
  return scope.generated('id', newIds.apiGateway);
}

/** An OpenAPI 3.0 document, checked as far as the offline API Gateway relies on its shape. */
function isOpenApi3(value: TerraformValue): value is TerraformValue & ApiDocument {
  return (
    isTerraformObject(value) &&
    typeof value.openapi === 'string' &&
    value.openapi.startsWith('3.0') &&
    isTerraformObject(value.info) &&
    isTerraformObject(value.paths) &&
    Object.values(value.paths).every((item) => isTerraformObject(item))
  );
}

export const apiGatewayRestApi: EmulatedResourceType = {
  type: 'aws_api_gateway_rest_api',
  emulated: true,
  computed: {
    id: restApiId,
    execution_arn: (scope) => arns.executeApi(scope.account, restApiId(scope)),
    arn: (scope) => arns.restApi(scope.account.region, restApiId(scope)),
    root_resource_id: (scope) => scope.generated('root_resource_id', newIds.apiGateway),
    created_date: (scope) => scope.generated('created_date', nowIso),
  },
  read(scope, reader, parts) {
    const bodyText = reader.string('body');
    let body: TerraformValue;
    try {
      body = asTerraformValue(JSON.parse(bodyText), 'body');
    } catch {
      throw reader.error('body', 'is not JSON; the offline runtime reads the OpenAPI body as the stacks synthesize it, in JSON');
    }
    if (isTerraformObject(body) && body['x-amazon-apigateway-policy'] !== undefined) {
      throw reader.error('body', 'sets x-amazon-apigateway-policy: resource policies are not evaluated offline');
    }
    if (!isOpenApi3(body)) throw reader.error('body', 'is not an OpenAPI 3.0 document with paths');
    const endpoint = reader.optionalBlock('endpoint_configuration');
    const types = endpoint?.stringList('types') ?? [];
    if (types.includes('PRIVATE')) throw (endpoint ?? reader).error('types', 'private APIs are not emulated offline');
    endpoint?.ignore('vpc_endpoint_ids', 'private APIs are not emulated offline');
    endpoint?.ignore('ip_address_type', 'networking is not emulated offline');
    endpoint?.finish();
    reader.refuse('policy', 'resource policies are not evaluated offline');
    if (reader.optionalBoolean('disable_execute_api_endpoint') === true) {
      throw reader.error('disable_execute_api_endpoint', 'custom domains are not emulated offline, so the API would have no endpoint');
    }
    const binary = reader.stringList('binary_media_types');
    if (binary.length > 0) throw reader.error('binary_media_types', 'binary payloads are not emulated offline');
    reader.ignore('minimum_compression_size', 'responses are not compressed offline');
    reader.ignore('api_key_source', 'API keys are not emulated offline');
    reader.skip('name', 'description', 'tags', 'put_rest_api_mode', 'fail_on_warnings', 'parameters');
    parts.restApis.push({ address: scope.block.address, id: restApiId(scope), name: reader.string('name'), document: body });
  },
};

export const apiGatewayDeployment: EmulatedResourceType = {
  type: 'aws_api_gateway_deployment',
  emulated: true,
  computed: {
    id: (scope) => scope.generated('id', newIds.apiGateway),
    created_date: (scope) => scope.generated('created_date', nowIso),
    execution_arn: (scope) => arns.executeApi(scope.account, scope.requiredString('rest_api_id')),
  },
  read(scope, reader, parts) {
    reader.refuse('stage_name', 'stages are emulated from aws_api_gateway_stage only');
    reader.refuse('canary_settings', 'canary deployments are not emulated offline');
    reader.skip('description', 'triggers', 'variables', 'stage_description');
    parts.apiDeployments.push({ address: scope.block.address, id: scope.generated('id', newIds.apiGateway), restApiId: reader.string('rest_api_id') });
  },
};

export const apiGatewayStage: EmulatedResourceType = {
  type: 'aws_api_gateway_stage',
  emulated: true,
  computed: {
    id: (scope) => `ags-${scope.requiredString('rest_api_id')}-${scope.requiredString('stage_name')}`,
    invoke_url: (scope) => `${scope.account.endpoint}/${scope.requiredString('stage_name')}`,
    execution_arn: (scope) => `${arns.executeApi(scope.account, scope.requiredString('rest_api_id'))}/${scope.requiredString('stage_name')}`,
    arn: (scope) => arns.restApiStage(scope.account.region, scope.requiredString('rest_api_id'), scope.requiredString('stage_name')),
  },
  read(scope, reader, parts) {
    reader.ignore('xray_tracing_enabled', 'there is no X-Ray offline');
    reader.ignore('access_log_settings', 'there is no CloudWatch Logs offline; the runtime prints its own log lines');
    reader.ignore('cache_cluster_enabled', 'there is no response cache offline');
    reader.ignore('cache_cluster_size', 'there is no response cache offline');
    reader.ignore('client_certificate_id', 'only Lambda proxy integrations run offline; they use no client certificate');
    reader.refuse('canary_settings', 'canary deployments are not emulated offline');
    reader.skip('description', 'documentation_version', 'tags');
    parts.stages.push({
      address: scope.block.address,
      restApiId: reader.string('rest_api_id'),
      deploymentId: reader.string('deployment_id'),
      name: reader.string('stage_name'),
      variables: reader.optionalStringMap('variables') ?? {},
    });
  },
};

const noCache = 'there is no response cache offline';

export const apiGatewayMethodSettings: EmulatedResourceType = {
  type: 'aws_api_gateway_method_settings',
  emulated: true,
  computed: {
    id: (scope) => `${scope.requiredString('rest_api_id')}-${scope.requiredString('stage_name')}-${scope.requiredString('method_path')}`,
  },
  read(scope, reader, parts) {
    const settings = reader.block('settings');
    // -1 is Terraform's "not set": the account's default limits apply.
    const limit = (key: string) => {
      const value = settings.optionalNumber(key);
      return value === undefined || value < 0 ? undefined : value;
    };
    const rateLimit = limit('throttling_rate_limit');
    const burstLimit = limit('throttling_burst_limit');
    settings.ignore('metrics_enabled', 'there is no CloudWatch offline');
    settings.ignore('logging_level', 'there is no CloudWatch Logs offline');
    settings.ignore('data_trace_enabled', 'there is no CloudWatch Logs offline');
    for (const key of ['caching_enabled', 'cache_ttl_in_seconds', 'cache_data_encrypted', 'require_authorization_for_cache_control', 'unauthorized_cache_control_header_strategy']) {
      settings.ignore(key, noCache);
    }
    settings.finish();
    parts.methodSettings.push({
      address: scope.block.address,
      restApiId: reader.string('rest_api_id'),
      stageName: reader.string('stage_name'),
      methodPath: reader.string('method_path'),
      throttle: { ...(rateLimit === undefined ? {} : { rateLimit }), ...(burstLimit === undefined ? {} : { burstLimit }) },
    });
  },
};

export const apiGatewayAccount: NotEmulatedResourceType = {
  type: 'aws_api_gateway_account',
  emulated: false,
  reason: "API Gateway's account-wide CloudWatch role: there is no CloudWatch offline",
  computed: { id: () => 'api-gateway-account' },
};
