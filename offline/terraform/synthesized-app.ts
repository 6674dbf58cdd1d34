import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { AssemblyError } from './assembly-error';
import { asTerraformValue, isTerraformObject, type TerraformObject, type TerraformValue } from './values';

/**
 * A `cdktf synth` output directory: `manifest.json` names the stacks, their
 * dependencies and where each `cdk.tf.json` lives. This module only reads and
 * checks the structure; nothing here knows what the resources mean.
 */
export interface ConfigBlock {
  stack: string;
  type: string;
  name: string;
  /** `identity.aws_cognito_user_pool.user-pool_54D4728B`: unique across the app. */
  address: string;
  body: TerraformObject;
}

export interface StateBackend {
  /** `local`, `s3`, `remote` (Terraform Cloud's `cloud` block reads as `remote`), ... */
  kind: string;
  config: TerraformObject;
}

export interface SynthesizedStack {
  name: string;
  /** Terraform's working directory for the stack; relative paths (asset zips) resolve from it. */
  directory: string;
  dependencies: string[];
  resources: ConfigBlock[];
  dataSources: ConfigBlock[];
  outputs: Record<string, TerraformObject>;
  backend?: StateBackend;
  /** The `aws` provider's configuration (the default one; aliases are refused). */
  awsProvider?: TerraformObject;
}

export interface SynthesizedApp {
  directory: string;
  /** In the order `cdktf deploy` applies them: every stack after the stacks it depends on. */
  stacks: SynthesizedStack[];
  stack(name: string): SynthesizedStack;
}

/** Top-level blocks of a stack's configuration the runtime knows what to do with. */
const knownTopLevel = ['//', 'terraform', 'provider', 'resource', 'data', 'output'];

function readJson(file: string, what: string): TerraformValue {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new AssemblyError(`${what} ${file} cannot be read`);
  }
  try {
    return asTerraformValue(JSON.parse(text), file);
  } catch (error) {
    throw new AssemblyError(`${what} ${file} is not valid JSON: ${(error as Error).message}`);
  }
}

function objectAt(value: TerraformValue | undefined, where: string): TerraformObject {
  if (value === undefined) return {};
  if (!isTerraformObject(value)) throw new AssemblyError(`${where} must be an object`);
  return value;
}

function blocksOf(stack: string, section: TerraformObject, where: string): ConfigBlock[] {
  const blocks: ConfigBlock[] = [];
  for (const [type, byName] of Object.entries(section)) {
    for (const [name, body] of Object.entries(objectAt(byName, `${where}.${type}`))) {
      blocks.push({ stack, type, name, address: `${stack}.${type}.${name}`, body: objectAt(body, `${where}.${type}.${name}`) });
    }
  }
  return blocks;
}

function backendOf(terraform: TerraformObject, where: string): StateBackend | undefined {
  if (terraform.cloud !== undefined) return { kind: 'remote', config: objectAt(terraform.cloud, `${where}.terraform.cloud`) };
  const backends = Object.entries(objectAt(terraform.backend, `${where}.terraform.backend`));
  if (backends.length === 0) return undefined;
  if (backends.length > 1) throw new AssemblyError(`${where}: a stack can have only one backend`);
  const [kind, config] = backends[0];
  return { kind, config: objectAt(config, `${where}.terraform.backend.${kind}`) };
}

function awsProviderOf(provider: TerraformObject, where: string): TerraformObject | undefined {
  for (const name of Object.keys(provider)) {
    if (name !== 'aws') {
      throw new AssemblyError(`${where}: provider "${name}" is not emulated offline; only the aws provider's resources run here`);
    }
  }
  const aws = provider.aws;
  if (aws === undefined) return undefined;
  const blocks = Array.isArray(aws) ? aws : [aws];
  const configs = blocks.map((block, index) => objectAt(block, `${where}.provider.aws[${index}]`));
  if (configs.length !== 1 || configs[0].alias !== undefined) {
    throw new AssemblyError(`${where}: the offline runtime emulates one region; aws provider aliases are not supported`);
  }
  return configs[0];
}

function readStack(appDirectory: string, name: string, entry: TerraformObject): SynthesizedStack {
  const where = `stack ${name}`;
  const path = entry.synthesizedStackPath;
  if (typeof path !== 'string') throw new AssemblyError(`manifest.json: stack ${name} names no synthesizedStackPath`);
  const file = resolve(appDirectory, path);
  const config = objectAt(readJson(file, `The synthesized stack ${name}`), file);
  for (const key of Object.keys(config)) {
    if (!knownTopLevel.includes(key)) {
      throw new AssemblyError(`${where}: the top-level block "${key}" is not supported by the offline runtime`);
    }
  }
  const dependencies = entry.dependencies ?? [];
  if (!Array.isArray(dependencies) || !dependencies.every((dependency): dependency is string => typeof dependency === 'string')) {
    throw new AssemblyError(`manifest.json: the dependencies of stack ${name} must be a list of stack names`);
  }
  const outputs: Record<string, TerraformObject> = {};
  for (const [key, output] of Object.entries(objectAt(config.output, `${where}.output`))) {
    outputs[key] = objectAt(output, `${where}.output.${key}`);
  }
  const directory = typeof entry.workingDirectory === 'string' ? resolve(appDirectory, entry.workingDirectory) : dirname(file);
  return {
    name,
    directory,
    dependencies,
    resources: blocksOf(name, objectAt(config.resource, `${where}.resource`), `${where}.resource`),
    dataSources: blocksOf(name, objectAt(config.data, `${where}.data`), `${where}.data`),
    outputs,
    backend: backendOf(objectAt(config.terraform, `${where}.terraform`), where),
    awsProvider: awsProviderOf(objectAt(config.provider, `${where}.provider`), where),
  };
}

/** Every stack after the stacks it depends on; a cycle or an unknown dependency is refused. */
function applyOrder(stacks: Map<string, SynthesizedStack>): SynthesizedStack[] {
  const ordered: SynthesizedStack[] = [];
  const visiting = new Set<string>();
  const visit = (name: string, from: string) => {
    const stack = stacks.get(name);
    if (!stack) throw new AssemblyError(`manifest.json: stack ${from} depends on ${name}, which is not in the manifest`);
    if (ordered.includes(stack)) return;
    if (visiting.has(name)) throw new AssemblyError(`manifest.json: the stacks depend on each other in a cycle through ${name}`);
    visiting.add(name);
    for (const dependency of stack.dependencies) visit(dependency, name);
    visiting.delete(name);
    ordered.push(stack);
  };
  for (const name of [...stacks.keys()].sort()) visit(name, name);
  return ordered;
}

export function loadSynthesizedApp(directory: string): SynthesizedApp {
  const appDirectory = resolve(directory);
  const manifestFile = join(appDirectory, 'manifest.json');
  if (!existsSync(manifestFile)) {
    throw new AssemblyError(`${appDirectory} has no manifest.json: it is not a cdktf synth output directory (run npm run synth)`);
  }
  const manifest = objectAt(readJson(manifestFile, 'The cdktf manifest'), manifestFile);
  const stacks = new Map<string, SynthesizedStack>();
  for (const [name, entry] of Object.entries(objectAt(manifest.stacks, `${manifestFile}.stacks`))) {
    stacks.set(name, readStack(appDirectory, name, objectAt(entry, `${manifestFile}.stacks.${name}`)));
  }
  if (stacks.size === 0) throw new AssemblyError(`${manifestFile} lists no stacks`);
  const ordered = applyOrder(stacks);
  return {
    directory: appDirectory,
    stacks: ordered,
    stack(name) {
      const stack = stacks.get(name);
      if (!stack) throw new AssemblyError(`There is no stack named ${name} in ${appDirectory}`);
      return stack;
    },
  };
}
