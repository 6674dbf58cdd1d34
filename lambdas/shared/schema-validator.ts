import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import type { OpenAPIV3 } from 'openapi-types';
import { apiDefinition } from './api-definition';

/**
 * Ajv over the OpenAPI definition's own schemas. The components are registered
 * once under an id, and every `#/components/...` reference is read relative to
 * it, so request checks follow the definition and never a copy of it.
 */
const definitionId = 'api-definition';

let ajv: Ajv | undefined;

function validatorFactory(): Ajv {
  if (ajv) return ajv;
  // OpenAPI 3.0 schemas carry `example` and `nullable`, which strict mode would
  // refuse; numbers stay strict so `1e309` (Infinity) is never an integer.
  ajv = new Ajv({ strict: false, strictNumbers: true, allErrors: false, validateFormats: false });
  ajv.addSchema({ $id: definitionId, components: apiDefinition().components ?? {} });
  return ajv;
}

type Schema = OpenAPIV3.SchemaObject | OpenAPIV3.ReferenceObject;

function anchoredToDefinition(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(anchoredToDefinition);
  if (schema === null || typeof schema !== 'object') return schema;
  return Object.fromEntries(
    Object.entries(schema).map(([key, value]) => [
      key,
      key === '$ref' && typeof value === 'string' && value.startsWith('#/')
        ? `${definitionId}${value}`
        : anchoredToDefinition(value),
    ]),
  );
}

export function compileSchema(schema: Schema): ValidateFunction {
  return validatorFactory().compile(anchoredToDefinition(schema) as object);
}

/** One Ajv error as a sentence: `/items/0/quantity must be <= 99`, `must NOT have additional property 'amount'`. */
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
