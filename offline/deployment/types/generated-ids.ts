import { randomInt, randomUUID } from 'node:crypto';
import type { ResourceScope } from '../resource-type';
import { alphanumerics, lowerAlphanumerics, randomString, upperAlphanumerics } from '../../state/random';

/**
 * Ids shaped as AWS shapes them, from the CSPRNG. They are generated once per
 * data directory (see DeploymentState) and never derived from anything guessable.
 */
const roleIdAlphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export const newIds = {
  /** `eu-central-1_AbC123xYz` */
  userPool: (region: string) => `${region}_${randomString(alphanumerics, 9)}`,
  /** 26 lower-case alphanumerics. */
  userPoolClient: () => randomString(lowerAlphanumerics, 26),
  /** `eu-central-1:<uuid>` */
  identityPool: (region: string) => `${region}:${randomUUID()}`,
  uuid: () => randomUUID(),
  /** The 6 characters Secrets Manager appends to a secret's ARN. */
  secretSuffix: () => randomString(alphanumerics, 6),
  /** `AROA` and 17 more: a role's unique id. */
  roleUniqueId: () => `AROA${randomString(roleIdAlphabet, 17)}`,
  /** 10 lower-case alphanumerics: REST API, resource and deployment ids. */
  apiGateway: () => randomString(lowerAlphanumerics, 10),
  /** Terraform's unique suffix for `name_prefix` arguments: a timestamp and a counter, 26 digits. */
  namePrefixSuffix: () => `${Date.now()}`.padEnd(20, '0') + String(randomInt(1_000_000)).padStart(6, '0'),
  upper: (length: number) => randomString(upperAlphanumerics, length),
};

export function nowIso(): string {
  return new Date().toISOString();
}

/**
 * What a resource's name resolves to: `name`, or `name_prefix` plus Terraform's
 * unique suffix, or Terraform's own `terraform-` name. A type whose name
 * argument is called otherwise (an S3 bucket's `bucket` and `bucket_prefix`)
 * names it.
 */
export function nameOrPrefix(scope: ResourceScope, nameArgument = 'name'): string {
  const name = scope.argument(nameArgument);
  if (typeof name === 'string') return name;
  const prefix = scope.argument(`${nameArgument}_prefix`);
  return scope.generated(nameArgument, () => `${typeof prefix === 'string' ? prefix : 'terraform-'}${newIds.namePrefixSuffix()}`);
}
