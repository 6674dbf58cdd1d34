import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { OpenAPIV3 } from 'openapi-types';
import { listOperations, operationParameters, requestBodySchema, resolveRef, type ApiDocument } from '../openapi/document';
import { loadApiDefinition } from '../openapi/load';
import { CliError, credentialsFor, currentShopToken, readOutputs } from '../offline/cli/platform-session';
import type { RuntimeOutputs } from '../offline/outputs';
import { defaultDataDirectory } from '../offline/state/default-data-directory';

/**
 * `npm run postman`: a Postman collection of every operation of the OpenAPI
 * definition, signed with Postman's AWS Signature auth, and one environment per
 * test user and a guest, with identity-pool credentials from the running platform
 * (valid for an hour: run the command again for fresh ones).
 */
const usage = `Usage: npm run --silent postman [-- --out DIR]

Writes to DIR (default <data directory>/postman):
  shop-platform.postman_collection.json    every API operation, AWS Signature auth
  <who>.postman_environment.json           one per test user and guest: apiUrl, region,
                                           credentials (an hour), shopId, shopToken, orderId
Import both into Postman, or: npx newman run DIR/shop-platform.postman_collection.json -e DIR/guest.postman_environment.json
The offline platform must be running (npm start); SHOP_DATA_DIR as for npm start.`;

type Variables = Record<string, string>;

/** Which environment variable fills a path or query parameter, by the schema it references. */
function variableFor(document: ApiDocument, parameter: OpenAPIV3.ParameterObject): string {
  const schemas = document.components?.schemas ?? {};
  const schema = parameter.schema ? resolveRef(document, parameter.schema) : undefined;
  for (const name of ['ShopId', 'OrderId', 'ShopTokenValue']) {
    if (schemas[name] && schema === resolveRef(document, schemas[name])) return { ShopId: 'shopId', OrderId: 'orderId', ShopTokenValue: 'shopToken' }[name]!;
  }
  return parameter.name;
}

export function postmanCollection(document: ApiDocument): unknown {
  const items = listOperations(document).map(({ path, method, operation }) => {
    const parameters = operationParameters(document, operation);
    const rawPath = path.replace(/\{([^}]+)\}/g, (_match, name: string) => {
      const parameter = parameters.find((candidate) => candidate.in === 'path' && candidate.name === name);
      return `{{${parameter ? variableFor(document, parameter) : name}}}`;
    });
    const query = parameters
      .filter((parameter) => parameter.in === 'query' && parameter.required)
      .map((parameter) => ({ key: parameter.name, value: `{{${variableFor(document, parameter)}}}` }));
    const bodySchema = requestBodySchema(document, operation);
    const example = bodySchema ? (resolveRef(document, bodySchema) as OpenAPIV3.SchemaObject).example : undefined;
    return {
      name: `${operation.operationId}: ${operation.summary ?? ''}`.trim(),
      request: {
        method: method.toUpperCase(),
        header: example === undefined ? [] : [{ key: 'Content-Type', value: 'application/json' }],
        url: {
          raw: `{{apiUrl}}${rawPath}${query.length ? `?${query.map((pair) => `${pair.key}=${pair.value}`).join('&')}` : ''}`,
          host: ['{{apiUrl}}'],
          path: rawPath.split('/').filter(Boolean),
          ...(query.length ? { query } : {}),
        },
        ...(example === undefined ? {} : { body: { mode: 'raw', raw: JSON.stringify(example, null, 2) } }),
      },
    };
  });
  return {
    info: {
      name: `${document.info.title} (offline)`,
      schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json',
    },
    auth: {
      type: 'awsv4',
      awsv4: [
        { key: 'accessKey', value: '{{accessKeyId}}', type: 'string' },
        { key: 'secretKey', value: '{{secretAccessKey}}', type: 'string' },
        { key: 'sessionToken', value: '{{sessionToken}}', type: 'string' },
        { key: 'region', value: '{{region}}', type: 'string' },
        { key: 'service', value: 'execute-api', type: 'string' },
      ],
    },
    item: items,
  };
}

function environment(name: string, variables: Variables): unknown {
  return {
    name,
    values: Object.entries(variables).map(([key, value]) => ({ key, value, type: /secret|token/i.test(key) ? 'secret' : 'default', enabled: true })),
  };
}

async function environmentFor(outputs: RuntimeOutputs, who: string, shopId: string): Promise<Variables> {
  const credentials = await credentialsFor(outputs, who);
  return {
    apiUrl: outputs.apiUrl,
    region: outputs.region,
    accessKeyId: credentials.accessKeyId,
    secretAccessKey: credentials.secretAccessKey,
    sessionToken: credentials.sessionToken,
    shopId,
    shopToken: await currentShopToken(outputs, shopId),
    orderId: '00000000-0000-4000-8000-000000000000',
  };
}

async function main(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(usage);
    return 0;
  }
  const outIndex = args.indexOf('--out');
  if (args.length > 0 && !(outIndex === 0 && args.length === 2)) throw new CliError(usage, 2);
  const outputs = readOutputs();
  const directory = outIndex === 0 ? resolve(args[1]) : join(resolve(process.env.SHOP_DATA_DIR || defaultDataDirectory), 'postman');
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  const write = (file: string, value: unknown) => writeFileSync(join(directory, file), `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
  write('shop-platform.postman_collection.json', postmanCollection(loadApiDefinition()));
  const callers = [{ who: 'guest', shopId: '0001' }, ...outputs.testUsers.map((user) => ({ who: user.email, shopId: user.shopId ?? '0001' }))];
  for (const { who, shopId } of callers) {
    write(`${who}.postman_environment.json`, environment(`Shop platform offline: ${who}`, await environmentFor(outputs, who, shopId)));
  }
  console.log(`Wrote ${join(directory, 'shop-platform.postman_collection.json')} and ${callers.length} environments (${callers.map((caller) => caller.who).join(', ')}).`);
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exit(error instanceof CliError ? error.exitCode : 1);
    },
  );
}
