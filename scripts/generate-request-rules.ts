import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadApiDefinition } from '../openapi/load';
import { generatedRequestRulesFile, requestRulesCode } from '../openapi/request-rules-code';
import { routes } from '../platform/routes';

/** Writes the Lambdas' request validators, compiled from the OpenAPI definition (see openapi/request-rules-code.ts). */
const file = join(__dirname, '..', generatedRequestRulesFile);
writeFileSync(file, requestRulesCode(loadApiDefinition(), routes.map((route) => route.operationId)));
console.log(`Wrote ${generatedRequestRulesFile}`);
