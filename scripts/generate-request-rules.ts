import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import { loadApiDefinition } from '../openapi/load';
import { generatedApiTypesFile, generatedFileHeader, generatedRequestRulesFile, requestRulesCode } from '../openapi/request-rules-code';
import { routes } from '../platform/routes';

/**
 * Writes what the Lambdas compile against, from the OpenAPI definition: its
 * types (openapi-typescript) and each operation's request validators (Ajv
 * standalone code, see openapi/request-rules-code.ts). With --check it writes
 * nothing and exits 1 when either file is not what the definition gives now.
 */
async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const document = loadApiDefinition();
  const files: Record<string, string> = {
    [generatedApiTypesFile]: `${generatedFileHeader}\n${astToString(await openapiTS(JSON.parse(JSON.stringify(document))))}`,
    [generatedRequestRulesFile]: requestRulesCode(document, routes.map((route) => route.operationId)),
  };
  const stale: string[] = [];
  for (const [file, contents] of Object.entries(files)) {
    const path = join(__dirname, '..', file);
    let current: string | undefined;
    try {
      current = readFileSync(path, 'utf8');
    } catch {
      current = undefined;
    }
    if (current === contents) continue;
    stale.push(file);
    if (!check) writeFileSync(path, contents);
  }
  if (check && stale.length > 0) {
    console.error(`Not what the OpenAPI definition gives now: ${stale.join(', ')}. Run npm run generate:request-rules.`);
    process.exit(1);
  }
  console.log(check ? 'Generated files are current.' : stale.length > 0 ? `Wrote ${stale.join(', ')}` : 'Generated files were current.');
}

void main();
