import Ajv, { type ValidateFunction } from 'ajv';
import standaloneCode from 'ajv/dist/standalone';
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

  constructor(document: ApiDocument, options: { standalone?: boolean } = {}) {
    // OpenAPI 3.0 schemas carry `example` and `nullable`, which strict mode would
    // refuse; numbers stay strict so `1e309` (Infinity) is never an integer.
    this.ajv = new Ajv({
      strict: false,
      strictNumbers: true,
      allErrors: false,
      validateFormats: false,
      ...(options.standalone ? { code: { source: true, esm: true } } : {}),
    });
    this.ajv.addSchema({ $id: definitionId, components: document.components ?? {} });
  }

  compile(schema: Schema): ValidateFunction {
    return this.ajv.compile(anchoredToDefinition(schema) as object);
  }

  /**
   * The validators of the given schemas as one ES module's source, each
   * exported under its key: Ajv's standalone code, run without Ajv (only its
   * small runtime helpers). The compiler must be made with `standalone: true`.
   */
  standaloneModule(schemas: Readonly<Record<string, Schema>>): string {
    const ids: Record<string, string> = {};
    for (const [exportName, schema] of Object.entries(schemas)) {
      const id = `standalone-${exportName}`;
      this.ajv.addSchema({ ...(anchoredToDefinition(schema) as object), $id: id });
      ids[exportName] = id;
    }
    return standaloneCode(this.ajv, ids);
  }
}
