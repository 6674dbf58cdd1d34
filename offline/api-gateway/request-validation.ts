import type { ValidateFunction } from 'ajv';
import { operationParameters, requestBodySchema, type ApiDocument, type ApiOperation } from '../../openapi/document';
import { SchemaCompiler } from '../../openapi/schema-compiler';
import { parseBoundedJson } from '../http/bounded-json';

/**
 * What API Gateway's request validator ("all") checks before the integration
 * runs: required query strings and headers are present and not blank, and a JSON
 * body matches the operation's model. Anything deeper is the Lambda's job.
 */
export interface ValidatedRequest {
  query: ReadonlyMap<string, readonly string[]>;
  headers: Readonly<Record<string, string | string[] | undefined>>;
  body: Buffer;
}

export class ApiGatewayRequestValidator {
  private readonly compiler: SchemaCompiler;
  private readonly bodyValidators = new Map<string, ValidateFunction | undefined>();

  constructor(private readonly document: ApiDocument) {
    this.compiler = new SchemaCompiler(document);
  }

  /** The gateway's error message, or undefined when the request passes the method's validator. */
  validate(operation: ApiOperation, checks: { parameters: boolean; body: boolean }, request: ValidatedRequest): string | undefined {
    const missing = (checks.parameters ? operationParameters(this.document, operation.operation) : [])
      .filter((parameter) => parameter.required && (parameter.in === 'query' || parameter.in === 'header'))
      .filter((parameter) => {
        const values =
          parameter.in === 'query'
            ? request.query.get(parameter.name)
            : ([] as string[]).concat(request.headers[parameter.name.toLowerCase()] ?? []);
        return !values || values.every((value) => value.trim() === '');
      })
      .map((parameter) => parameter.name);
    if (missing.length > 0) return `Missing required request parameters: [${missing.join(', ')}]`;

    const validator = checks.body ? this.bodyValidator(operation) : undefined;
    if (validator && this.isJson(request.headers['content-type'])) {
      const body = parseBoundedJson(request.body);
      if (!body.ok || !validator(body.value)) return 'Invalid request body';
    }
    return undefined;
  }

  /** API Gateway picks the model by content type and treats a missing one as JSON. */
  private isJson(contentType: string | string[] | undefined): boolean {
    const value = Array.isArray(contentType) ? contentType[0] : contentType;
    return value === undefined || value.split(';')[0].trim().toLowerCase() === 'application/json';
  }

  private bodyValidator(operation: ApiOperation): ValidateFunction | undefined {
    const key = `${operation.method} ${operation.path}`;
    if (!this.bodyValidators.has(key)) {
      const schema = requestBodySchema(this.document, operation.operation);
      this.bodyValidators.set(key, schema ? this.compiler.compile(schema) : undefined);
    }
    return this.bodyValidators.get(key);
  }
}
