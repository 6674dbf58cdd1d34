import { AssemblyError, describeAddress } from '../terraform/assembly-error';
import { creationOrder } from '../terraform/dependency-order';
import { Resolver, type AttributeSource } from '../terraform/resolver';
import type { ConfigBlock, SynthesizedApp } from '../terraform/synthesized-app';
import { describeValue, isTerraformObject, type TerraformObject, type TerraformValue } from '../terraform/values';
import { BlockReader } from './block-reader';
import { resourceTypes } from './catalog';
import type { DeploymentState } from './deployment-state';
import { emptyParts } from './deployment-parts';
import { ExplainLog } from './explain';
import { linkDeployment } from './link-deployment';
import type { LocalAccountFacts, OfflineDeployment } from './model';
import type { ResourceScope } from './resource-type';

export interface ReadDeploymentOptions {
  app: SynthesizedApp;
  state: DeploymentState;
  accountId: string;
  endpoint: string;
}

/** Meta-arguments every resource may carry, and which of their settings the runtime accepts. */
const lifecycleSettings = ['ignore_changes', 'create_before_destroy', 'prevent_destroy'];
const refusedMetaArguments: Record<string, string> = {
  count: 'count is not evaluated offline',
  for_each: 'for_each is not evaluated offline',
  provisioner: 'provisioners do not run offline',
  connection: 'provisioners do not run offline',
};

function checkMetaArguments(block: ConfigBlock, subject: string): TerraformObject {
  const body: TerraformObject = {};
  for (const [key, value] of Object.entries(block.body)) {
    if (key === '//' || key === 'depends_on') continue;
    if (refusedMetaArguments[key] !== undefined) throw new AssemblyError(`${subject} ${key}: ${refusedMetaArguments[key]}`);
    if (key === 'provider') {
      if (value !== 'aws') throw new AssemblyError(`${subject} provider: ${describeValue(value)} is not the default aws provider`);
      continue;
    }
    if (key === 'lifecycle') {
      if (!isTerraformObject(value)) throw new AssemblyError(`${subject} lifecycle: must be a block`);
      for (const setting of Object.keys(value)) {
        if (!lifecycleSettings.includes(setting)) throw new AssemblyError(`${subject} lifecycle.${setting}: is not understood by the offline runtime`);
      }
      continue;
    }
    body[key] = value;
  }
  return body;
}

/** The region every stack's aws provider deploys to; one region is all the runtime emulates. */
function regionOf(app: SynthesizedApp, resolver: Resolver): string {
  const regions = new Set<string>();
  for (const stack of app.stacks) {
    if (!stack.awsProvider) continue;
    const region = resolver.resolve(stack.name, stack.awsProvider.region ?? null, `${stack.name}: provider aws region`);
    if (typeof region !== 'string' || !/^[a-z]{2}(-gov)?-[a-z]+-\d$/.test(region)) {
      throw new AssemblyError(`${stack.name}: provider aws region: ${describeValue(region)} is not an AWS region`);
    }
    regions.add(region);
  }
  if (regions.size !== 1) {
    throw new AssemblyError(`The stacks deploy to ${regions.size === 0 ? 'no region' : `${regions.size} regions (${[...regions].join(', ')})`}; the offline runtime emulates exactly one`);
  }
  return [...regions][0];
}

/**
 * Reads the synthesized stacks into the deployment the offline services run:
 * each resource through its type's definition, every reference resolved, ids
 * generated once per data directory. Refuses, naming the place, anything it
 * cannot run as AWS would.
 */
export function readDeployment(options: ReadDeploymentOptions): OfflineDeployment {
  const { app, state } = options;
  const scopes = new Map<ConfigBlock, ResourceScope>();
  let account: LocalAccountFacts | undefined;
  const accountFacts = (): LocalAccountFacts => {
    if (!account) throw new AssemblyError('The region is needed before the providers are read');
    return account;
  };

  const source: AttributeSource = {
    attribute(block, attribute) {
      const type = resourceTypes.get(block.type);
      const subject = describeAddress(block.stack, block.type, block.name);
      if (!type) throw new AssemblyError(`${subject}: the resource type ${block.type} is not known to the offline runtime`);
      const computed = type.computed[attribute];
      if (computed) return computed(scopeOf(block));
      const argument = block.body[attribute];
      if (argument !== undefined && argument !== null) return resolver.resolve(block.stack, argument, `${subject} ${attribute}`);
      throw new AssemblyError(`${subject}: its attribute ${attribute} is not known offline`);
    },
  };
  const resolver = new Resolver(app, source);

  function scopeOf(block: ConfigBlock): ResourceScope {
    const existing = scopes.get(block);
    if (existing) return existing;
    const subject = describeAddress(block.stack, block.type, block.name);
    const scope: ResourceScope = {
      block,
      subject,
      account: accountFacts(),
      stackDirectory: app.stack(block.stack).directory,
      argument(name) {
        const raw = block.body[name];
        if (raw === undefined || raw === null) return undefined;
        return resolver.resolve(block.stack, raw, `${subject} ${name}`);
      },
      requiredString(name) {
        const value = scope.argument(name);
        if (typeof value !== 'string') throw new AssemblyError(`${subject} ${name}: expected a string, found ${describeValue(value)}`);
        return value;
      },
      generated: (key, make) => state.generated(block.address, key, make),
      attribute: (name) => source.attribute(block, name),
    };
    scopes.set(block, scope);
    return scope;
  }

  account = { accountId: options.accountId, region: regionOf(app, resolver), endpoint: options.endpoint };
  state.checkRegion(account.region);

  const explain = new ExplainLog();
  const parts = emptyParts();
  const applyOrder: string[] = [];
  for (const stack of app.stacks) {
    for (const block of creationOrder(stack.resources)) {
      const subject = describeAddress(block.stack, block.type, block.name);
      const type = resourceTypes.get(block.type);
      if (!type) {
        throw new AssemblyError(`${subject}: the resource type ${block.type} is neither emulated nor declared not emulated by the offline runtime`);
      }
      const body = checkMetaArguments(block, subject);
      applyOrder.push(block.address);
      if (!type.emulated) {
        explain.add({ subject, reason: type.reason });
        continue;
      }
      const reader = new BlockReader(body, '', {
        subject,
        resolve: (raw: TerraformValue, where: string) => resolver.resolve(block.stack, raw, where),
        explain,
      });
      type.read(scopeOf(block), reader, parts);
      reader.finish();
    }
  }

  const outputs: Record<string, Record<string, TerraformValue>> = {};
  for (const stack of app.stacks) {
    outputs[stack.name] = {};
    for (const [name, output] of Object.entries(stack.outputs)) {
      if (output.sensitive === true || output.value === undefined) continue;
      outputs[stack.name][name] = resolver.resolve(stack.name, output.value, `${stack.name}: output ${name}`);
    }
  }
  state.save();
  return linkDeployment(parts, { account, applyOrder, outputs, notEmulated: explain.list() });
}
