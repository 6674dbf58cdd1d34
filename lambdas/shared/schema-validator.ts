import type { ValidateFunction } from 'ajv';
import { SchemaCompiler, type Schema } from '../../openapi/schema-compiler';
import { apiDefinition } from './api-definition';

export { describeSchemaError } from '../../openapi/schema-compiler';

let compiler: SchemaCompiler | undefined;

/** Compiles a schema of the bundled definition; the components are registered once per container. */
export function compileSchema(schema: Schema): ValidateFunction {
  compiler ??= new SchemaCompiler(apiDefinition());
  return compiler.compile(schema);
}
