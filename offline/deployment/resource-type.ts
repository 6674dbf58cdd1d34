import type { ConfigBlock } from '../terraform/synthesized-app';
import type { TerraformValue } from '../terraform/values';
import type { BlockReader } from './block-reader';
import type { DeploymentParts } from './deployment-parts';
import type { LocalAccountFacts } from './model';

/** What a resource type's definition may ask about the one resource it is reading. */
export interface ResourceScope {
  block: ConfigBlock;
  /** `api: aws_lambda_function.get-order_function_4C43515D`, for messages. */
  subject: string;
  account: LocalAccountFacts;
  /** The stack's working directory: relative file names (deployment packages) resolve from it. */
  stackDirectory: string;
  /** An argument, resolved; undefined when absent. */
  argument(name: string): TerraformValue | undefined;
  /** A string argument that must be there. */
  requiredString(name: string): string;
  /** A value AWS generates at creation, kept per data directory. */
  generated(key: string, make: () => string): string;
  /** Another attribute of the same resource (computed or an argument). */
  attribute(name: string): TerraformValue;
}

/**
 * One Terraform resource type, as the offline runtime knows it. `computed`
 * gives the attributes AWS generates or derives (`id`, `arn`, ...); any other
 * attribute a reference asks for must be one of the resource's own arguments.
 */
export interface ResourceTypeBase {
  type: string;
  computed: Readonly<Record<string, (scope: ResourceScope) => TerraformValue>>;
}

/** Read into the deployment: every argument read, ignored with a reason, or refused. */
export interface EmulatedResourceType extends ResourceTypeBase {
  emulated: true;
  read(scope: ResourceScope, reader: BlockReader, parts: DeploymentParts): void;
}

/** Declared, referenced, but not run offline; `--explain` lists it with the reason. */
export interface NotEmulatedResourceType extends ResourceTypeBase {
  emulated: false;
  reason: string;
}

export type ResourceType = EmulatedResourceType | NotEmulatedResourceType;
