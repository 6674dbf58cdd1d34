import { isDeepStrictEqual } from 'node:util';
import { resolve as resolvePath } from 'node:path';
import { AssemblyError } from './assembly-error';
import type { ConfigBlock, SynthesizedApp, SynthesizedStack } from './synthesized-app';
import { parseTemplate, TemplateSyntaxError, type Expression } from './template';
import { describeValue, isTerraformObject, type TerraformValue } from './values';

/** Knows the attributes of the resources the stacks declare: what they were given, and what AWS would generate. */
export interface AttributeSource {
  attribute(resource: ConfigBlock, attribute: string): TerraformValue;
}

/** The only workspace the offline runtime has, as `terraform.workspace` names it. */
export const defaultWorkspace = 'default';

/**
 * Resolves the templates of the synthesized configuration, strictly: a
 * reference to a resource attribute, to another stack's output through
 * `terraform_remote_state`, or to `terraform.workspace`. Anything else (a
 * function call, a variable, another data source) is refused with the place
 * that asked for it.
 */
export class Resolver {
  private readonly resources = new Map<string, ConfigBlock>();
  private readonly inProgress: string[] = [];

  constructor(
    private readonly app: SynthesizedApp,
    private readonly source: AttributeSource,
  ) {
    for (const stack of app.stacks) for (const resource of stack.resources) this.resources.set(resource.address, resource);
  }

  /** Resolves every template in `value`; `where` names the place for messages, e.g. `api: aws_lambda_function.x environment`. */
  resolve(stack: string, value: TerraformValue, where: string): TerraformValue {
    if (typeof value === 'string') return this.template(stack, value, where);
    if (Array.isArray(value)) return value.map((item, index) => this.resolve(stack, item, `${where}[${index}]`));
    if (isTerraformObject(value)) {
      const result: { [key: string]: TerraformValue } = {};
      for (const [key, item] of Object.entries(value)) result[key] = this.resolve(stack, item, `${where}.${key}`);
      return result;
    }
    return value;
  }

  private template(stack: string, text: string, where: string): TerraformValue {
    let parts;
    try {
      parts = parseTemplate(text);
    } catch (error) {
      if (error instanceof TemplateSyntaxError) throw new AssemblyError(`${where}: ${error.message}`);
      throw error;
    }
    // A template that is one interpolation and nothing else yields the value itself, of any type.
    if (parts.length === 1 && parts[0].kind === 'interpolation') return this.expression(stack, parts[0].expression, where);
    return parts
      .map((part) => {
        if (part.kind === 'text') return part.text;
        const value = this.expression(stack, part.expression, where);
        if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
        throw new AssemblyError(`${where}: \${${part.expression.text}} is ${describeValue(value)}, which cannot be part of a string`);
      })
      .join('');
  }

  private expression(stack: string, expression: Expression, where: string): TerraformValue {
    if (expression.kind === 'call') {
      throw new AssemblyError(`${where}: the function call \${${expression.text}} is not evaluated by the offline runtime`);
    }
    if (expression.kind === 'unsupported') {
      throw new AssemblyError(`${where}: the expression \${${expression.text}} is not evaluated by the offline runtime`);
    }
    const [head, ...rest] = expression.path;
    if (head === 'terraform' && rest.length === 1 && rest[0] === 'workspace') return defaultWorkspace;
    if (head === 'data') return this.dataReference(stack, rest, expression.text, where);
    if (head === 'var' || head === 'local' || head === 'module' || head === 'path' || head === 'count' || head === 'each' || head === 'self') {
      throw new AssemblyError(`${where}: \${${expression.text}} refers to ${head}, which the offline runtime does not evaluate`);
    }
    if (rest.length < 2) throw new AssemblyError(`${where}: \${${expression.text}} names no attribute of a resource`);
    const [name, attribute, ...path] = rest;
    const resource = this.resources.get(`${stack}.${head}.${name}`);
    if (!resource) throw new AssemblyError(`${where}: \${${expression.text}} refers to a resource the stack ${stack} does not declare`);
    const key = `${resource.address}.${attribute}`;
    if (this.inProgress.includes(key)) {
      throw new AssemblyError(`${where}: ${key} depends on itself (${[...this.inProgress, key].join(' → ')})`);
    }
    this.inProgress.push(key);
    try {
      return index(this.source.attribute(resource, attribute), path, `${where}: \${${expression.text}}`);
    } finally {
      this.inProgress.pop();
    }
  }

  private dataReference(stack: string, path: string[], text: string, where: string): TerraformValue {
    const [type, name, attribute, output, ...rest] = path;
    if (type !== 'terraform_remote_state') {
      throw new AssemblyError(`${where}: \${${text}} reads a data source of type ${type}, which is not emulated offline`);
    }
    if (attribute !== 'outputs' || output === undefined) {
      throw new AssemblyError(`${where}: \${${text}}: only the outputs of a terraform_remote_state are evaluated offline`);
    }
    const dataSource = this.app.stack(stack).dataSources.find((candidate) => candidate.type === type && candidate.name === name);
    if (!dataSource) throw new AssemblyError(`${where}: \${${text}} refers to a data source the stack ${stack} does not declare`);
    const producer = this.producerOf(dataSource);
    const declared = producer.outputs[output];
    if (!declared || declared.value === undefined) {
      throw new AssemblyError(`${where}: \${${text}}: the stack ${producer.name} has no output named ${output}`);
    }
    const value = this.resolve(producer.name, declared.value, `${producer.name}: output ${output}`);
    return index(value, rest, `${where}: \${${text}}`);
  }

  /** The stack whose state a terraform_remote_state data source reads: the one whose backend matches its configuration. */
  private producerOf(dataSource: ConfigBlock): SynthesizedStack {
    const where = `${dataSource.stack}: data.terraform_remote_state.${dataSource.name}`;
    const { backend, config, workspace } = dataSource.body;
    if (typeof backend !== 'string') throw new AssemblyError(`${where} names no backend`);
    if (workspace !== undefined && this.resolve(dataSource.stack, workspace, `${where}.workspace`) !== defaultWorkspace) {
      throw new AssemblyError(`${where} reads a workspace other than "${defaultWorkspace}", the only one offline`);
    }
    const wanted = this.resolve(dataSource.stack, config ?? {}, `${where}.config`);
    if (!isTerraformObject(wanted)) throw new AssemblyError(`${where}.config must be an object`);
    const consumer = this.app.stack(dataSource.stack);
    const matches = this.app.stacks.filter((stack) => {
      if (stack.backend?.kind !== backend) return false;
      const written = stack.backend.config;
      return Object.entries(wanted).every(([key, value]) =>
        backend === 'local' && key === 'path' && typeof value === 'string' && typeof written.path === 'string'
          ? resolvePath(consumer.directory, value) === resolvePath(stack.directory, written.path)
          : isDeepStrictEqual(value, written[key]),
      );
    });
    if (matches.length !== 1) {
      const writers = matches.length === 0 ? `no stack of ${this.app.directory} writes` : `${matches.length} stacks of ${this.app.directory} write`;
      throw new AssemblyError(`${where} reads the ${backend} state ${describeValue(wanted)}, which ${writers}`);
    }
    return matches[0];
  }
}

/** Follows `.key` and `[index]` steps into an object or list value. */
function index(value: TerraformValue, path: readonly string[], where: string): TerraformValue {
  let current = value;
  for (const step of path) {
    if (Array.isArray(current) && /^\d+$/.test(step) && Number(step) < current.length) current = current[Number(step)];
    else if (isTerraformObject(current) && Object.hasOwn(current, step)) current = current[step];
    else throw new AssemblyError(`${where}: ${describeValue(current)} has no element ${step}`);
  }
  return current;
}
