import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OpenAPIV3 } from 'openapi-types';
import { listOperations, operationParameters, requestBodySchema, resolveRef } from '../../openapi/document';
import { apiDefinitionPath, loadApiDefinition } from '../../openapi/load';
import { customerNamePattern } from '../../platform/customer-name';
import { routes } from '../../platform/routes';

const document = loadApiDefinition();
const operations = listOperations(document);

describe('openapi/api-definition.yaml', () => {
  // Redocly's core is ESM-only, so the linter runs as the project's lint script.
  const lintScript = join(__dirname, '..', '..', 'scripts', 'lint-openapi.mjs');
  const runLinter = (file: string) => spawnSync(process.execPath, [lintScript, file], { encoding: 'utf8' });

  it('passes the Redocly linter with the recommended-strict rules', () => {
    const result = runLinter(apiDefinitionPath);
    expect(result.stdout).toContain('0 problem(s)');
    expect(result.status).toBe(0);
  });

  it('makes the linter fail on a definition with a duplicated operationId', () => {
    const broken = readFileSync(apiDefinitionPath, 'utf8').replace('operationId: getShop\n', 'operationId: listProducts\n');
    const file = join(mkdtempSync(join(tmpdir(), 'openapi-')), 'broken.yaml');
    writeFileSync(file, broken);
    const result = runLinter(file);
    expect(result.stdout).toContain('operation-operationId-unique');
    expect(result.status).toBe(1);
  });

  it("holds the customer-name rule of platform/customer-name.ts as CustomerName's pattern", () => {
    const schema = document.components!.schemas!.CustomerName as OpenAPIV3.SchemaObject;
    expect(schema.pattern).toBe(customerNamePattern);
  });

  it('has exactly the operations the shared routes name, each at its method and path', () => {
    const defined = operations.map(({ path, method, operation }) => `${operation.operationId} ${method.toUpperCase()} ${path}`);
    const routed = routes.map((route) => `${route.operationId} ${route.method} ${route.path}`);
    expect(defined.sort()).toEqual(routed.sort());
  });

  it('signs every operation with the sigv4 scheme that API Gateway reads as AWS_IAM', () => {
    const scheme = resolveRef<OpenAPIV3.SecuritySchemeObject>(document, document.components!.securitySchemes!.sigv4);
    expect(scheme).toMatchObject({ type: 'apiKey', in: 'header', 'x-amazon-apigateway-authtype': 'awsSigv4' });
    expect(document.security).toEqual([{ sigv4: [] }]);
    for (const { operation } of operations) {
      expect({ id: operation.operationId, security: operation.security }).toEqual({
        id: operation.operationId,
        security: [{ sigv4: [] }],
      });
    }
  });

  it('switches on API Gateway request validation of bodies and parameters', () => {
    const extensions = document as unknown as Record<string, unknown>;
    expect(extensions['x-amazon-apigateway-request-validator']).toBe('all');
    expect(extensions['x-amazon-apigateway-request-validators']).toEqual({
      all: { validateRequestBody: true, validateRequestParameters: true },
    });
  });

  /** Walks a schema, resolving references, and reports every object that allows unknown properties. */
  function openObjects(schema: OpenAPIV3.SchemaObject | OpenAPIV3.ReferenceObject, at: string): string[] {
    const resolved = resolveRef<OpenAPIV3.SchemaObject>(document, schema);
    if (resolved.type === 'object') {
      const own = resolved.additionalProperties === false ? [] : [at];
      return own.concat(
        ...Object.entries(resolved.properties ?? {}).map(([name, property]) => openObjects(property, `${at}.${name}`)),
      );
    }
    if (resolved.type === 'array') return openObjects(resolved.items, `${at}[]`);
    return [];
  }

  it('rejects unknown properties anywhere in a request body', () => {
    const bodies = operations.filter(({ operation }) => operation.requestBody);
    expect(bodies.length).toBeGreaterThan(0);
    for (const { operation } of bodies) {
      expect(openObjects(requestBodySchema(document, operation)!, operation.operationId!)).toEqual([]);
    }
  });

  it('bounds every request input: strings by pattern or length, numbers and arrays by range', () => {
    const unbounded: string[] = [];
    const check = (schema: OpenAPIV3.SchemaObject | OpenAPIV3.ReferenceObject, at: string): void => {
      const resolved = resolveRef<OpenAPIV3.SchemaObject>(document, schema);
      if (resolved.type === 'string' && resolved.pattern === undefined && resolved.maxLength === undefined) {
        unbounded.push(at);
      }
      if (resolved.type === 'integer' && (resolved.minimum === undefined || resolved.maximum === undefined)) {
        unbounded.push(at);
      }
      if (resolved.type === 'array') {
        if (resolved.maxItems === undefined || resolved.minItems === undefined) unbounded.push(at);
        check(resolved.items, `${at}[]`);
      }
      if (resolved.type === 'object') {
        for (const [name, property] of Object.entries(resolved.properties ?? {})) check(property, `${at}.${name}`);
      }
      if (resolved.type === undefined) unbounded.push(`${at} (no type)`);
    };
    for (const { operation } of operations) {
      for (const parameter of operationParameters(document, operation)) {
        check(parameter.schema!, `${operation.operationId} ${parameter.in}:${parameter.name}`);
      }
      const body = requestBodySchema(document, operation);
      if (body) check(body, `${operation.operationId} body`);
    }
    expect(unbounded).toEqual([]);
  });

  it('limits an order to 1-50 lines of 1-99 items each', () => {
    const order = resolveRef<OpenAPIV3.SchemaObject>(document, { $ref: '#/components/schemas/PlaceOrderRequest' });
    const items = order.properties!.items as OpenAPIV3.ArraySchemaObject;
    expect([items.minItems, items.maxItems]).toEqual([1, 50]);
    const quantity = resolveRef<OpenAPIV3.SchemaObject>(document, { $ref: '#/components/schemas/Quantity' });
    expect(quantity).toMatchObject({ type: 'integer', minimum: 1, maximum: 99 });
  });
});
