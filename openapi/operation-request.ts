import type { OpenAPIV3 } from 'openapi-types';
import { findOperation, operationParameters, requestBodySchema, resolveRef, type ApiDocument } from './document';
import type { Schema } from './schema-compiler';

/**
 * What an operation declares about its request, in the form the handlers'
 * validation needs: each parameter with where it travels, whether it is
 * required, whether it is read as an integer, and its schema; and the body's
 * schema. The Lambdas' validators are compiled from this, at build time for
 * the bundles and at run time when tests load the handlers from source.
 */
export type ParameterLocation = 'query' | 'path' | 'header';

export interface DeclaredParameter {
  name: string;
  location: ParameterLocation;
  required: boolean;
  integer: boolean;
  schema: Schema;
}

export interface DeclaredRequest {
  parameters: DeclaredParameter[];
  body?: Schema;
}

export function declaredRequest(document: ApiDocument, operationId: string): DeclaredRequest {
  const { operation } = findOperation(document, operationId);
  const parameters = operationParameters(document, operation).map((parameter): DeclaredParameter => {
    if (parameter.in !== 'query' && parameter.in !== 'path' && parameter.in !== 'header') {
      throw new Error(`${operationId}: parameters in ${parameter.in} are not supported`);
    }
    if (!parameter.schema) throw new Error(`${operationId}: parameter ${parameter.name} has no schema`);
    const schema = resolveRef<OpenAPIV3.SchemaObject>(document, parameter.schema);
    return {
      name: parameter.name,
      location: parameter.in,
      required: parameter.required === true,
      integer: schema.type === 'integer',
      schema: parameter.schema,
    };
  });
  const body = requestBodySchema(document, operation);
  return body === undefined ? { parameters } : { parameters, body };
}
