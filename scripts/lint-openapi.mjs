// Lints the OpenAPI definition with Redocly (rules in redocly.yaml); exits 1 on any problem.
// Usage: node scripts/lint-openapi.mjs [definition.yaml]
import { fileURLToPath } from 'node:url';
import { lint, loadConfig } from '@redocly/openapi-core';

const root = fileURLToPath(new URL('..', import.meta.url));
const definition = process.argv[2] ?? `${root}openapi/api-definition.yaml`;
const config = await loadConfig({ configPath: `${root}redocly.yaml` });
const problems = await lint({ ref: definition, config });
for (const problem of problems) {
  const where = problem.location?.[0]?.pointer ?? '';
  console.log(`${problem.severity} ${problem.ruleId}: ${problem.message} ${where}`);
}
console.log(`${definition}: ${problems.length} problem(s)`);
process.exit(problems.length === 0 ? 0 : 1);
