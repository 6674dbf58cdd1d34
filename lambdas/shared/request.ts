import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { ParameterLocation } from '../../openapi/operation-request';
import { describeSchemaError } from '../../openapi/schema-errors';
import { badRequest, unsupportedMediaType } from './http-error';
import type { OperationRules, ParameterRule } from './request-rules';

/**
 * Reading a request the way its OpenAPI operation declares it. API Gateway
 * checks presence but not patterns on AWS, so every parameter and body is
 * validated here against the same definition.
 */
export type RequestEvent = Pick<
  APIGatewayProxyEvent,
  | 'body'
  | 'isBase64Encoded'
  | 'headers'
  | 'multiValueHeaders'
  | 'pathParameters'
  | 'queryStringParameters'
  | 'multiValueQueryStringParameters'
>;

const locationNames: Record<ParameterLocation, string> = { query: 'query parameter', path: 'path parameter', header: 'header' };

/** The value of a header (names are case-insensitive); 400 when it is sent more than once. */
export function singleHeader(event: RequestEvent, name: string): string | undefined {
  const wanted = name.toLowerCase();
  const values: string[] = [];
  for (const [key, list] of Object.entries(event.multiValueHeaders ?? {})) {
    if (key.toLowerCase() === wanted && list) values.push(...list);
  }
  if (values.length === 0) {
    for (const [key, value] of Object.entries(event.headers ?? {})) {
      if (key.toLowerCase() === wanted && value !== undefined) values.push(value);
    }
  }
  if (values.length > 1) throw badRequest(`Header '${name}' must be sent at most once`);
  return values[0];
}

function queryValues(event: RequestEvent, declared: readonly ParameterRule[]): Map<string, string> {
  const values = new Map<string, string>();
  for (const [name, list] of Object.entries(event.multiValueQueryStringParameters ?? {})) {
    if (!list) continue;
    if (list.length > 1) throw badRequest(`Query parameter '${name}' must be given at most once`);
    if (list.length === 1) values.set(name, list[0]);
  }
  for (const [name, value] of Object.entries(event.queryStringParameters ?? {})) {
    if (value !== undefined && !values.has(name)) values.set(name, value);
  }
  for (const name of values.keys()) {
    if (!declared.some((rule) => rule.location === 'query' && rule.name === name)) {
      throw badRequest(`Unknown query parameter '${name}'`);
    }
  }
  return values;
}

/** A whole decimal number becomes a number; anything else stays text for the schema to reject. */
function asInteger(raw: string): string | number {
  return /^-?(0|[1-9][0-9]{0,15})$/.test(raw) ? Number(raw) : raw;
}

/**
 * The operation's parameters, each given at most once and valid against its
 * schema, keyed by name (headers by their declared spelling).
 */
export function readParameters<Parameters>(event: RequestEvent, rules: OperationRules<Parameters, unknown>): Parameters {
  const { parameters } = rules;
  const query = queryValues(event, parameters);
  const result: Record<string, string | number | undefined> = {};
  for (const rule of parameters) {
    const raw =
      rule.location === 'query'
        ? query.get(rule.name)
        : rule.location === 'path'
          ? (event.pathParameters ?? {})[rule.name]
          : singleHeader(event, rule.name);
    const what = `${locationNames[rule.location]} '${rule.name}'`;
    if (raw === undefined || raw === null) {
      if (rule.required) throw badRequest(`Missing required ${what}`);
      result[rule.name] = undefined;
      continue;
    }
    const value = rule.integer ? asInteger(raw) : raw;
    if (!rule.validate(value)) {
      const problem = rule.validate.errors?.[0];
      throw badRequest(`Invalid ${what}: ${problem ? describeSchemaError(problem) : 'is invalid'}`);
    }
    result[rule.name] = value;
  }
  // Every declared parameter was read and passed its schema, integers as numbers and
  // absent optional ones as undefined: the record is what the generated type says.
  return result as Parameters;
}

function isJsonMediaType(contentType: string): boolean {
  const [mediaType, ...parameters] = contentType.split(';').map((part) => part.trim().toLowerCase());
  if (mediaType !== 'application/json') return false;
  return parameters.every((parameter) => !parameter.startsWith('charset=') || /^charset="?utf-8"?$/.test(parameter));
}

/**
 * The largest body read. API Gateway passes up to 10 MB, but the largest valid
 * order — 50 lines with every character escaped — is under 25 KB: anything
 * bigger is padding that would only cost time to parse.
 */
export const maxJsonBodyBytes = 64 * 1024;

/** The JSON body, valid against the operation's request schema. */
export function readJsonBody<Body>(event: RequestEvent, rules: OperationRules<unknown, Body>): Body {
  const { body: validate } = rules;
  if (!validate) throw new Error('This operation takes no request body');
  const contentType = singleHeader(event, 'Content-Type');
  if (contentType === undefined || !isJsonMediaType(contentType)) {
    throw unsupportedMediaType('Content-Type must be application/json');
  }
  if (event.body === null || event.body === undefined || event.body === '') {
    throw badRequest('Request body is required');
  }
  if (Buffer.byteLength(event.body, event.isBase64Encoded ? 'base64' : 'utf8') > maxJsonBodyBytes) {
    throw badRequest(`Request body must not be larger than ${maxJsonBodyBytes} bytes`);
  }
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw badRequest('Request body is not valid JSON');
  }
  if (!validate(body)) {
    const problem = validate.errors?.[0];
    throw badRequest(`Invalid request body: ${problem ? describeSchemaError(problem) : 'is invalid'}`);
  }
  return body;
}
