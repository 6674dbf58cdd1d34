import type { ErrorObject } from 'ajv';
import type { DeclaredParameter } from '../../openapi/operation-request';

/**
 * What a handler checks a request against: its operation's parameters and
 * body validators, compiled from the OpenAPI definition at build time into
 * request-rules.generated.ts (see openapi/request-rules-code.ts). A handler
 * imports only its own operation's rules, so its bundle carries only those.
 */
export interface RequestValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

export interface ParameterRule extends Omit<DeclaredParameter, 'schema'> {
  validate: RequestValidator;
}

export interface OperationRules {
  parameters: readonly ParameterRule[];
  body?: RequestValidator;
}
