import type { ErrorObject } from 'ajv';

/**
 * One Ajv error as a sentence: `/items/0/quantity must be <= 99`, `must NOT
 * have additional property 'amount'`. Kept apart from the compiler so code
 * that runs validators compiled at build time never loads Ajv itself.
 */
export function describeSchemaError(error: ErrorObject): string {
  const where = error.instancePath === '' ? '' : `${error.instancePath} `;
  if (error.keyword === 'additionalProperties') {
    return `${where}must NOT have additional property '${String(error.params.additionalProperty)}'`;
  }
  if (error.keyword === 'required') {
    return `${where}must have required property '${String(error.params.missingProperty)}'`;
  }
  return `${where}${error.message ?? 'is invalid'}`;
}
