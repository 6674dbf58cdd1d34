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

/** A body's validator: passing it proves the body is a `Body`, so nothing needs casting after it. */
export interface BodyValidator<Body> {
  (data: unknown): data is Body;
  errors?: ErrorObject[] | null;
}

export interface ParameterRule extends Omit<DeclaredParameter, 'schema'> {
  validate: RequestValidator;
}

/**
 * An operation's rules. `Parameters` and `Body` are the types the definition
 * gives them (generated with the rules), which readParameters and readJsonBody
 * return once the values have passed the validators.
 */
export interface OperationRules<Parameters = Record<string, string | number | undefined>, Body = unknown> {
  parameters: readonly ParameterRule[];
  body?: BodyValidator<Body>;
  /** Never set: carries `Parameters` to readParameters. */
  readonly parameterTypes?: Parameters;
}
