import { createHash } from 'node:crypto';
import { isAbsolute, resolve } from 'node:path';
import { arns } from '../../aws/arns';
import { CodeArchiveError, unpackCodeArchive } from '../../lambda/code-archive';
import { AssemblyError } from '../../terraform/assembly-error';
import type { EmulatedResourceType, ResourceScope } from '../resource-type';

/** Variables Lambda sets itself; a function that tries to set one is refused at creation. */
const reservedVariables = new Set([
  '_HANDLER',
  '_X_AMZN_TRACE_ID',
  'AWS_DEFAULT_REGION',
  'AWS_REGION',
  'AWS_EXECUTION_ENV',
  'AWS_LAMBDA_FUNCTION_NAME',
  'AWS_LAMBDA_FUNCTION_MEMORY_SIZE',
  'AWS_LAMBDA_FUNCTION_VERSION',
  'AWS_LAMBDA_INITIALIZATION_TYPE',
  'AWS_LAMBDA_LOG_GROUP_NAME',
  'AWS_LAMBDA_LOG_STREAM_NAME',
  'AWS_ACCESS_KEY',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_LAMBDA_RUNTIME_API',
  'LAMBDA_TASK_ROOT',
  'LAMBDA_RUNTIME_DIR',
]);

function functionArn(scope: ResourceScope): string {
  return arns.function(scope.account, scope.requiredString('function_name'));
}

export const lambdaFunction: EmulatedResourceType = {
  type: 'aws_lambda_function',
  emulated: true,
  computed: {
    id: (scope) => scope.requiredString('function_name'),
    arn: functionArn,
    qualified_arn: (scope) => `${functionArn(scope)}:$LATEST`,
    invoke_arn: (scope) => arns.functionInvoke(scope.account.region, functionArn(scope)),
    qualified_invoke_arn: (scope) => arns.functionInvoke(scope.account.region, `${functionArn(scope)}:$LATEST`),
    version: () => '$LATEST',
  },
  read(scope, reader, parts) {
    const name = reader.string('function_name');
    const packageType = reader.optionalString('package_type') ?? 'Zip';
    if (packageType !== 'Zip') throw reader.error('package_type', 'only .zip deployment packages run offline, not container images');
    for (const key of ['s3_bucket', 's3_key', 's3_object_version', 'image_uri', 'image_config']) {
      reader.refuse(key, 'only a local filename deployment package runs offline');
    }
    reader.refuse('layers', 'layers are not emulated offline');
    reader.refuse('file_system_config', 'EFS file systems are not emulated offline');
    const runtime = reader.string('runtime');
    if (!/^nodejs\d+\.x$/.test(runtime)) throw reader.error('runtime', `${runtime} cannot run offline; only Node.js runtimes run here`);
    const handler = reader.string('handler');
    if (!/^[\w./-]+\.[A-Za-z_$][\w$]*$/.test(handler)) throw reader.error('handler', `"${handler}" is not <module>.<export>`);

    const filename = reader.string('filename');
    const zipFile = isAbsolute(filename) ? filename : resolve(scope.stackDirectory, filename);
    let archive;
    try {
      archive = unpackCodeArchive(zipFile);
    } catch (error) {
      if (error instanceof CodeArchiveError) throw reader.error('filename', error.message);
      throw error;
    }
    const declaredHash = reader.optionalString('source_code_hash');
    if (declaredHash !== undefined && declaredHash !== archive.sha256) {
      throw reader.error('source_code_hash', `${declaredHash} does not match the package ${zipFile} (${archive.sha256}); synthesize again`);
    }

    const environment: Record<string, string> = {};
    const environmentBlock = reader.optionalBlock('environment');
    for (const [key, value] of Object.entries(environmentBlock?.optionalStringMap('variables') ?? {})) {
      if (reservedVariables.has(key)) throw reader.error(`environment.variables.${key}`, 'is reserved by Lambda, which refuses to create the function');
      environment[key] = value;
    }
    environmentBlock?.finish();

    const reserved = reader.optionalNumber('reserved_concurrent_executions') ?? -1;
    parts.functions.push({
      address: scope.block.address,
      name,
      arn: functionArn(scope),
      roleArn: reader.string('role'),
      runtime,
      handler,
      codeDirectory: archive.directory,
      environment,
      memoryMb: reader.optionalNumber('memory_size') ?? 128,
      timeoutSeconds: reader.optionalNumber('timeout') ?? 3,
      ...(reserved >= 0 ? { reservedConcurrency: reserved } : {}),
      permissions: [],
    });
    reader.ignore('tracing_config', 'there is no X-Ray offline');
    reader.ignore('logging_config', 'function logs are printed to the console, prefixed with the function name');
    reader.ignore('architectures', "functions run on this machine's Node.js and architecture");
    reader.ignore('vpc_config', 'networking is not emulated offline: functions reach the local endpoint');
    reader.ignore('dead_letter_config', 'asynchronous invocation is not emulated offline');
    reader.ignore('kms_key_arn', 'encryption of environment variables is not emulated offline');
    reader.ignore('ephemeral_storage', 'the sandbox uses this machine\'s file system');
    reader.ignore('snap_start', 'SnapStart is not emulated offline');
    reader.ignore('publish', 'versions are not emulated offline; every call runs $LATEST');
    reader.ignore('code_signing_config_arn', 'code signing is not emulated offline');
    reader.skip('description', 'tags', 'timeouts', 'skip_destroy', 'replace_security_groups_on_destroy', 'replacement_security_group_ids');
  },
};

export const lambdaPermission: EmulatedResourceType = {
  type: 'aws_lambda_permission',
  emulated: true,
  computed: {
    id: (scope) => statementIdOf(scope),
  },
  read(scope, reader, parts) {
    reader.skip('statement_id', 'statement_id_prefix');
    reader.refuse('qualifier', 'function versions and aliases are not emulated offline');
    reader.refuse('event_source_token', 'Alexa event sources are not emulated offline');
    reader.refuse('principal_org_id', 'AWS Organizations conditions are not evaluated offline');
    reader.refuse('function_url_auth_type', 'function URLs are not emulated offline');
    const sourceArn = reader.optionalString('source_arn');
    const sourceAccount = reader.optionalString('source_account');
    parts.permissions.push({
      functionName: reader.string('function_name'),
      permission: {
        address: scope.block.address,
        statementId: statementIdOf(scope),
        action: reader.string('action'),
        principal: reader.string('principal'),
        ...(sourceArn === undefined ? {} : { sourceArn }),
        ...(sourceAccount === undefined ? {} : { sourceAccount }),
      },
    });
  },
};

function statementIdOf(scope: ResourceScope): string {
  const id = scope.argument('statement_id');
  if (typeof id === 'string') return id;
  const prefix = scope.argument('statement_id_prefix');
  return scope.generated('statement_id', () => `${typeof prefix === 'string' ? prefix : 'terraform-'}${Date.now()}`);
}

export const lambdaInvocation: EmulatedResourceType = {
  type: 'aws_lambda_invocation',
  emulated: true,
  computed: {
    id: (scope) => `${scope.requiredString('function_name')}_$LATEST`,
    result: (scope) => {
      throw new AssemblyError(`${scope.subject}: result is known only once the function has run, after the runtime starts`);
    },
  },
  read(scope, reader, parts) {
    const qualifier = reader.optionalString('qualifier');
    if (qualifier !== undefined && qualifier !== '$LATEST') throw reader.error('qualifier', 'function versions and aliases are not emulated offline');
    const lifecycleScope = reader.optionalString('lifecycle_scope');
    if (lifecycleScope !== undefined && lifecycleScope !== 'CREATE_ONLY') {
      throw reader.error('lifecycle_scope', 'only CREATE_ONLY invocations are emulated offline');
    }
    reader.skip('terraform_key');
    const functionName = reader.string('function_name');
    const input = reader.string('input');
    const triggers = reader.value('triggers') ?? null;
    parts.invocations.push({
      address: scope.block.address,
      functionName,
      input,
      // Terraform invokes again when the input or a trigger changes (the resource is replaced).
      fingerprint: createHash('sha256').update(JSON.stringify({ functionName, input, triggers })).digest('base64'),
    });
  },
};
