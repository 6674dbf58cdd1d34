import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import * as generated from '../../lambdas/shared/request-rules.generated';
import type { OperationRules } from '../../lambdas/shared/request-rules';
import { loadApiDefinition } from '../../openapi/load';
import { declaredRequest } from '../../openapi/operation-request';
import { generatedRequestRulesFile, regenerateCommand, requestRulesCode, requestRulesExportName } from '../../openapi/request-rules-code';
import { SchemaCompiler } from '../../openapi/schema-compiler';
import { routes } from '../../platform/routes';

/**
 * The Lambdas' validators are compiled from the OpenAPI definition ahead of
 * time. The definition stays the one source: the generated file must be what
 * the definition produces now, and its validators must decide exactly as Ajv
 * compiling the same schemas at run time does.
 */
const document = loadApiDefinition();
const operationIds = routes.map((route) => route.operationId);
const rulesOf = (operationId: string): OperationRules => {
  const rules: unknown = (generated as Record<string, unknown>)[requestRulesExportName(operationId)];
  if (rules === undefined) throw new Error(`${generatedRequestRulesFile} has no rules for ${operationId}`);
  return rules as OperationRules;
};

describe(generatedRequestRulesFile, () => {
  it(`is what the definition produces now (else run ${regenerateCommand})`, () => {
    const onDisk = readFileSync(join(__dirname, '..', '..', generatedRequestRulesFile), 'utf8');
    const produced = requestRulesCode(document, operationIds);
    const firstDifference = [...produced].findIndex((character, index) => onDisk[index] !== character);
    expect(firstDifference === -1 && onDisk.length === produced.length ? 'current' : `differs at ${firstDifference}: ${produced.slice(Math.max(0, firstDifference - 80), firstDifference + 80)} / ${onDisk.slice(Math.max(0, firstDifference - 80), firstDifference + 80)}`).toBe('current');
  });

  it('is current together with the definition\'s types, as the generator checks it (--check)', () => {
    const check = spawnSync(process.execPath, ['--require', 'tsx/cjs', join(__dirname, '..', '..', 'scripts', 'generate-request-rules.ts'), '--check'], {
      encoding: 'utf8',
    });
    expect(`${check.stdout}${check.stderr}`).toContain('Generated files are current.');
    expect(check.status).toBe(0);
  });

  it("declares each operation's parameters as the definition does", () => {
    for (const operationId of operationIds) {
      const declared = declaredRequest(document, operationId);
      const rules = rulesOf(operationId);
      expect(rules.parameters.map(({ validate, ...parameter }) => parameter)).toEqual(declared.parameters.map(({ schema, ...parameter }) => parameter));
      expect(rules.body !== undefined).toBe(declared.body !== undefined);
    }
  });

  it('decides every value as Ajv compiling the schemas at run time does, errors included', () => {
    const compiler = new SchemaCompiler(document);
    // Values shaped like requests (orders, ids, numbers as parameters) and arbitrary JSON.
    const orderLike = fc.record(
      {
        shopId: fc.oneof(fc.constant('0001'), fc.string()),
        phoneNumber: fc.oneof(fc.constant('+41790000010'), fc.string()),
        name: fc.oneof(fc.constant('Walk-in'), fc.string()),
        items: fc.array(fc.record({ productId: fc.oneof(fc.constant('0011'), fc.string()), quantity: fc.oneof(fc.integer({ min: -2, max: 120 }), fc.double()) }), { maxLength: 60 }),
      },
      { requiredKeys: [] },
    );
    const value = fc.oneof(fc.jsonValue(), orderLike, fc.integer(), fc.string(), fc.stringMatching(/^[A-Za-z0-9_-]{0,70}$/));
    for (const operationId of operationIds) {
      const declared = declaredRequest(document, operationId);
      const rules = rulesOf(operationId);
      const pairs = [
        ...declared.parameters.map((parameter, index) => [compiler.compile(parameter.schema), rules.parameters[index].validate] as const),
        ...(declared.body && rules.body ? [[compiler.compile(declared.body), rules.body] as const] : []),
      ];
      for (const [atRunTime, ahead] of pairs) {
        fc.assert(
          fc.property(value, (candidate) => {
            expect(ahead(candidate)).toBe(atRunTime(candidate));
            expect(ahead.errors ?? null).toEqual(atRunTime.errors ?? null);
          }),
          { numRuns: 150 },
        );
      }
    }
  });
});
