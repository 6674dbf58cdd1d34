import { arns } from '../aws/arns';
import { readMethodSettings } from '../api-gateway/method-settings';
import { evaluatePolicies } from '../iam';
import { AssemblyError } from '../terraform/assembly-error';
import type { TerraformValue } from '../terraform/values';
import type { DeploymentParts } from './deployment-parts';
import type { NotEmulated } from './explain';
import type { FunctionConfig, LocalAccountFacts, OfflineDeployment, StageConfig, StaticSiteFile, Throttle } from './model';

interface LinkContext {
  account: LocalAccountFacts;
  applyOrder: string[];
  outputs: Record<string, Record<string, TerraformValue>>;
  notEmulated: readonly NotEmulated[];
}

/** Terraform accepts a function's name or its ARN wherever a function is named. */
function findFunction(functions: readonly FunctionConfig[], nameOrArn: string): FunctionConfig | undefined {
  return functions.find((candidate) => candidate.name === nameOrArn || candidate.arn === nameOrArn);
}

/**
 * Puts together what refers to what by name or id, as AWS does when Terraform
 * creates it: a policy onto its role, a permission onto its function, a stage
 * onto its deployment's API. A name that points nowhere is refused here, where
 * AWS would refuse to create the resource.
 */
export function linkDeployment(parts: DeploymentParts, context: LinkContext): OfflineDeployment {
  const { account } = context;
  const refused = (address: string, problem: string) => new AssemblyError(`${address}: ${problem}`);

  for (const client of parts.userPoolClients) {
    if (!parts.userPools.some((pool) => pool.id === client.userPoolId)) throw refused(client.address, `user_pool_id ${client.userPoolId} is no user pool of the stacks`);
  }
  for (const user of parts.users) {
    if (!parts.userPools.some((pool) => pool.id === user.userPoolId)) throw refused(user.address, `user_pool_id ${user.userPoolId} is no user pool of the stacks`);
  }

  const identityPools = parts.identityPools.map((pool) => {
    for (const provider of pool.providers) {
      const userPool = parts.userPools.find((candidate) => `cognito-idp.${account.region}.amazonaws.com/${candidate.id}` === provider.providerName);
      if (!userPool) throw refused(pool.address, `its provider ${provider.providerName} is not a user pool of the stacks; no other provider is emulated offline`);
      if (!parts.userPoolClients.some((client) => client.id === provider.clientId && client.userPoolId === userPool.id)) {
        throw refused(pool.address, `its provider's client_id ${provider.clientId} is no app client of ${provider.providerName}`);
      }
    }
    const principalTags: Record<string, Record<string, string>> = {};
    for (const mapping of parts.principalTags.filter((candidate) => candidate.identityPoolId === pool.id)) {
      if (!pool.providers.some((provider) => provider.providerName === mapping.providerName)) {
        throw refused(mapping.address, `identity_provider_name ${mapping.providerName} is not a provider of the identity pool`);
      }
      principalTags[mapping.providerName] = mapping.tags;
    }
    const attachments = parts.identityPoolRoles.filter((candidate) => candidate.identityPoolId === pool.id);
    if (attachments.length > 1) throw refused(attachments[1].address, 'a second roles attachment for one identity pool replaces the first on AWS; declare one');
    const attachment = attachments[0];
    for (const mapping of attachment?.roleMappings ?? []) {
      if (!pool.providers.some((provider) => `${provider.providerName}:${provider.clientId}` === mapping.identityProvider)) {
        throw refused(attachment.address, `role_mapping identity_provider ${mapping.identityProvider} is not <provider>:<client id> of the identity pool`);
      }
    }
    return { ...pool, principalTags, roles: attachment?.roles ?? {}, roleMappings: attachment?.roleMappings ?? [] };
  });
  for (const orphan of [...parts.principalTags, ...parts.identityPoolRoles]) {
    if (!parts.identityPools.some((pool) => pool.id === orphan.identityPoolId)) throw refused(orphan.address, `identity_pool_id ${orphan.identityPoolId} is no identity pool of the stacks`);
  }

  const roles = parts.roles.map((role) => ({ ...role, inlinePolicies: [...role.inlinePolicies], managedPolicies: [...role.managedPolicies] }));
  for (const rolePolicy of parts.rolePolicies) {
    const role = roles.find((candidate) => candidate.name === rolePolicy.roleName);
    if (!role) throw refused(rolePolicy.address, `role ${rolePolicy.roleName} is no role of the stacks`);
    role.inlinePolicies.push(rolePolicy.policy);
  }
  for (const attachment of parts.rolePolicyAttachments) {
    const role = roles.find((candidate) => candidate.name === attachment.roleName);
    if (!role) throw refused(attachment.address, `role ${attachment.roleName} is no role of the stacks`);
    role.managedPolicies.push({ arn: attachment.policyArn, address: attachment.address });
  }

  const functions = parts.functions.map((fn) => ({ ...fn, permissions: [...fn.permissions] }));
  for (const fn of functions) {
    const role = roles.find((candidate) => candidate.arn === fn.roleArn);
    if (!role) throw refused(fn.address, `role ${fn.roleArn} is no role of the stacks`);
    const trusted = evaluatePolicies([{ name: `${role.name} trust policy`, document: role.trustPolicy }], {
      principal: { type: 'Service', id: 'lambda.amazonaws.com' },
      action: 'sts:AssumeRole',
      resource: role.arn,
      context: {},
    });
    if (trusted.decision !== 'Allow') throw refused(fn.address, `Lambda cannot assume its role ${role.name}: the trust policy does not let lambda.amazonaws.com call sts:AssumeRole`);
  }
  for (const { functionName, permission } of parts.permissions) {
    const fn = findFunction(functions, functionName);
    if (!fn) throw refused(permission.address, `function_name ${functionName} is no function of the stacks`);
    if (fn.permissions.some((existing) => existing.statementId === permission.statementId)) {
      throw refused(permission.address, `the statement id ${permission.statementId} is already used on ${fn.name}`);
    }
    fn.permissions.push(permission);
  }
  for (const invocation of parts.invocations) {
    if (!findFunction(functions, invocation.functionName)) throw refused(invocation.address, `function_name ${invocation.functionName} is no function of the stacks`);
  }

  const tableItems = parts.tableItems.map(({ hashKey, rangeKey, ...item }) => {
    const table = parts.tables.find((candidate) => candidate.name === item.tableName);
    if (!table) throw refused(item.address, `table_name ${item.tableName} is no table of the stacks`);
    if (table.hashKey !== hashKey || table.rangeKey !== rangeKey) throw refused(item.address, `hash_key and range_key do not match the key schema of ${table.name}`);
    return item;
  });

  for (const api of parts.restApis) {
    for (const method of readMethodSettings(api.document, api.address)) {
      const { integration } = method;
      if (integration.kind === 'lambda' && !functions.some((fn) => fn.arn === integration.functionArn)) {
        throw refused(`${api.address} body: ${method.operation.method.toUpperCase()} ${method.operation.path}`, `its integration invokes ${integration.functionArn}, no function of the stacks`);
      }
    }
  }
  const stages: StageConfig[] = parts.stages.map((stage) => {
    const deployment = parts.apiDeployments.find((candidate) => candidate.id === stage.deploymentId);
    if (!deployment) throw refused(stage.address, `deployment_id ${stage.deploymentId} is no deployment of the stacks`);
    if (deployment.restApiId !== stage.restApiId) throw refused(stage.address, 'its deployment belongs to another REST API');
    if (!parts.restApis.some((api) => api.id === stage.restApiId)) throw refused(stage.address, `rest_api_id ${stage.restApiId} is no REST API of the stacks`);
    const throttles: Record<string, Throttle> = {};
    for (const settings of parts.methodSettings.filter((candidate) => candidate.restApiId === stage.restApiId && candidate.stageName === stage.name)) {
      // API Gateway's account defaults fill a limit a method setting leaves unset.
      throttles[settings.methodPath] = { rateLimit: settings.throttle.rateLimit ?? 10_000, burstLimit: settings.throttle.burstLimit ?? 5_000 };
    }
    const stageArn = arns.restApiStage(account.region, stage.restApiId, stage.name);
    const associations = parts.webAclAssociations.filter((association) => association.resourceArn === stageArn);
    if (associations.length > 1) throw refused(associations[1].address, `${stageArn} already has a web ACL (${associations[0].address})`);
    const webAcl = associations[0] && parts.webAcls.find((acl) => acl.arn === associations[0].webAclArn);
    if (associations[0] && !webAcl) throw refused(associations[0].address, `web_acl_arn ${associations[0].webAclArn} is no web ACL of the stacks`);
    return { address: stage.address, restApiId: stage.restApiId, name: stage.name, variables: stage.variables, throttles, ...(webAcl ? { webAcl } : {}) };
  });
  for (const association of parts.webAclAssociations) {
    const protectsStage = parts.stages.some((stage) => arns.restApiStage(account.region, stage.restApiId, stage.name) === association.resourceArn);
    if (!protectsStage) throw refused(association.address, `resource_arn ${association.resourceArn} is no REST API stage of the stacks; only stages are emulated offline`);
  }
  for (const settings of parts.methodSettings) {
    if (!stages.some((stage) => stage.restApiId === settings.restApiId && stage.name === settings.stageName)) {
      throw refused(settings.address, `stage ${settings.stageName} of REST API ${settings.restApiId} is no stage of the stacks`);
    }
  }

  const schedules = parts.eventRules.map((rule) => ({
    address: rule.address,
    ruleName: rule.name,
    ruleArn: rule.arn,
    intervalMs: rule.intervalMs,
    enabled: rule.enabled,
    targets: parts.eventTargets.filter((target) => target.ruleName === rule.name),
  }));
  for (const target of parts.eventTargets) {
    if (!parts.eventRules.some((rule) => rule.name === target.ruleName)) throw refused(target.address, `rule ${target.ruleName} is no rule of the stacks`);
    if (!functions.some((fn) => fn.arn === target.functionArn)) throw refused(target.address, `arn ${target.functionArn} is no function of the stacks; only Lambda targets are emulated offline`);
  }

  return {
    account,
    userPools: parts.userPools,
    userPoolClients: parts.userPoolClients,
    users: parts.users,
    identityPools,
    roles,
    managedPolicies: parts.customerManagedPolicies.map(({ arn, policy }) => ({ arn, ...policy })),
    secrets: parts.secrets,
    staticSite: staticSiteOf(parts),
    functions,
    invocations: parts.invocations,
    tables: parts.tables,
    tableItems,
    restApis: parts.restApis,
    stages,
    schedules,
    applyOrder: context.applyOrder,
    outputs: context.outputs,
    notEmulated: context.notEmulated,
  };
}

/** The static site's files, all from one bucket: the runtime serves one site. */
function staticSiteOf(parts: DeploymentParts): StaticSiteFile[] {
  const buckets = [...new Set(parts.staticSite.map((file) => file.bucket))];
  if (buckets.length > 1) {
    throw new AssemblyError(`${parts.staticSite[0].address}: the stacks put objects in ${buckets.length} buckets (${buckets.join(', ')}); the offline runtime serves one static site`);
  }
  return parts.staticSite;
}
