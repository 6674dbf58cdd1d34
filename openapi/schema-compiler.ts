import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import type { OpenAPIV3 } from 'openapi-types';
import type { ApiDocument } from './document';

/**
 * Ajv over an OpenAPI document's own schemas: the components are registered once
 * under an id and every `#/components/...` reference is read relative to it, so
 * requests are checked against the definition itself, never a copy of it.
 */
export type Schema = OpenAPIV3.SchemaObject | OpenAPIV3.ReferenceObject;

const definitionId = 'api-definition';

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

export class SchemaCompiler {
  private readonly ajv: Ajv;

  constructor(document: ApiDocument) {
    // OpenAPI 3.0 schemas carry `example` and `nullable`, which strict mode would
    // refuse; numbers stay strict so `1e309` (Infinity) is never an integer.
    this.ajv = new Ajv({ strict: false, strictNumbers: true, allErrors: false, validateFormats: false });
    this.ajv.addSchema({ $id: definitionId, components: document.components ?? {} });
  }

  compile(schema: Schema): ValidateFunction {
    return this.ajv.compile(anchoredToDefinition(schema) as object);
  }
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
