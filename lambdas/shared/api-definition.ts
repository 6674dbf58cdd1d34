import definitionText from '../../openapi/api-definition.yaml';
import { parseApiDefinition, type ApiDocument } from '../../openapi/document';

let document: ApiDocument | undefined;

/** The bundled OpenAPI definition, parsed on first use: the one definition requests are checked against. */
export function apiDefinition(): ApiDocument {
  document ??= parseApiDefinition(definitionText);
  return document;
}
