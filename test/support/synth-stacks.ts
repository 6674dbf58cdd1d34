import { Testing } from 'cdktf';
import { loadDeploymentConfig } from '../../stacks/deployment-config';
import { defineStacks } from '../../stacks/define-stacks';
import { withUnmappedStackTraces } from './unmapped-stack-traces';

/** A synthesized stack as plain JSON, with typed access to its resources. */
export interface SynthesizedStack {
  json: string;
  terraform: Record<string, unknown>;
  resources(type: string): Record<string, Record<string, unknown>>;
  resource(type: string): Record<string, unknown>;
  /** `${type.name.attribute}` of the only resource of a type, or of the one `match` picks. */
  ref(type: string, attribute: string, match?: (resource: Record<string, unknown>) => boolean): string;
  outputs: Record<string, { value: unknown }>;
}

function wrap(json: string): SynthesizedStack {
  const terraform = JSON.parse(json) as Record<string, unknown>;
  const resources = (type: string) =>
    ((terraform.resource as Record<string, unknown> | undefined)?.[type] ?? {}) as Record<string, Record<string, unknown>>;
  return {
    json,
    terraform,
    resources,
    resource(type) {
      const all = Object.values(resources(type));
      if (all.length !== 1) throw new Error(`Expected one ${type}, found ${all.length}`);
      return all[0];
    },
    ref(type, attribute, match = () => true) {
      const names = Object.entries(resources(type))
        .filter(([, resource]) => match(resource))
        .map(([name]) => name);
      if (names.length !== 1) throw new Error(`Expected one matching ${type}, found ${names.length}`);
      return `\${${type}.${names[0]}.${attribute}}`;
    },
    outputs: (terraform.output ?? {}) as Record<string, { value: unknown }>,
  };
}

/** Each stack of the app, synthesized; `web` only when the settings ask for it. */
export interface SynthesizedStacks {
  identity: SynthesizedStack;
  data: SynthesizedStack;
  api: SynthesizedStack;
  web?: SynthesizedStack;
}

/**
 * Synthesizes the three stacks the way `cdktf synth` does, calling prepareStack()
 * on each so the cross-stack (remote state) wiring is part of what tests see.
 * Settings come only from `env`, never from the machine's environment.
 */
export function synthStacks(env: NodeJS.ProcessEnv = {}): SynthesizedStacks {
  return withUnmappedStackTraces(() => synthesize(env));
}

function synthesize(env: NodeJS.ProcessEnv): SynthesizedStacks {
  const app = Testing.app();
  const stacks = defineStacks(app, loadDeploymentConfig(env));
  const all = [stacks.identity, stacks.data, stacks.api, ...(stacks.web ? [stacks.web] : [])];
  for (const stack of all) stack.prepareStack();
  return {
    identity: wrap(Testing.synth(stacks.identity)),
    data: wrap(Testing.synth(stacks.data)),
    api: wrap(Testing.synth(stacks.api)),
    ...(stacks.web ? { web: wrap(Testing.synth(stacks.web)) } : {}),
  };
}

/** Parses an IAM policy argument. */
export function policyOf(resource: Record<string, unknown>, argument = 'policy'): {
  Statement: Array<Record<string, unknown>>;
} {
  return JSON.parse(resource[argument] as string);
}
