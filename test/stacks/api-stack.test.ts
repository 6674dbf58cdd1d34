import type { OpenAPIV3 } from 'openapi-types';
import { listOperations, type ApiDocument } from '../../openapi/document';
import { allFunctions, deployedFunctionName, functions, routes, type FunctionDefinition } from '../../platform';
import { policyOf, synthStacks } from '../support/synth-stacks';

const { api } = synthStacks();
const restApi = api.resource('aws_api_gateway_rest_api');
const body = JSON.parse(restApi.body as string) as ApiDocument;
const lambdas = Object.values(api.resources('aws_lambda_function'));
const functionNamed = (definition: FunctionDefinition) => {
  const found = lambdas.find((fn) => fn.function_name === deployedFunctionName('shop-platform', definition));
  if (!found) throw new Error(`no function ${definition.name}`);
  return found;
};
const remoteOutput = (stack: 'identity' | 'data', fragment: string) =>
  new RegExp(
    `^\\$\\{data\\.terraform_remote_state\\.cross-stack-reference-input-${stack}\\.outputs\\.cross-stack-output-${fragment}[^}]*\\}$`,
  );

describe('api stack', () => {
  it('matches the snapshot', () => {
    expect(api.terraform).toMatchSnapshot();
  });

  describe('REST API', () => {
    it('is regional and imported from the OpenAPI definition', () => {
      expect(restApi.endpoint_configuration).toEqual({ types: ['REGIONAL'] });
      expect(body.info.title).toBe('Shop platform API');
      expect(listOperations(body)).toHaveLength(routes.length);
    });

    it('requires AWS_IAM (SigV4) on every method', () => {
      const scheme = body.components!.securitySchemes!.sigv4 as unknown as Record<string, unknown>;
      expect(scheme['x-amazon-apigateway-authtype']).toBe('awsSigv4');
      for (const { operation } of listOperations(body)) {
        expect({ operation: operation.operationId, security: operation.security }).toEqual({
          operation: operation.operationId,
          security: [{ sigv4: [] }],
        });
      }
    });

    it('validates request bodies and parameters', () => {
      const extensions = body as unknown as Record<string, unknown>;
      expect(extensions['x-amazon-apigateway-request-validator']).toBe('all');
      expect(extensions['x-amazon-apigateway-request-validators']).toEqual({
        all: { validateRequestBody: true, validateRequestParameters: true },
      });
    });

    it("proxies each operation to its own function's invoke ARN, filled in at synth", () => {
      for (const { operation } of listOperations(body)) {
        const route = routes.find((candidate) => candidate.operationId === operation.operationId)!;
        const integration = (operation as OpenAPIV3.OperationObject & Record<string, unknown>)[
          'x-amazon-apigateway-integration'
        ];
        expect(integration).toEqual({
          type: 'aws_proxy',
          httpMethod: 'POST',
          uri: api.ref('aws_lambda_function', 'invoke_arn', (fn) => fn.function_name === `shop-platform-${route.function.name}`),
          passthroughBehavior: 'when_no_match',
        });
      }
    });

    it('writes shared parameters in place, since the importer follows only schema references', () => {
      const text = restApi.body as string;
      expect(text).not.toContain('#/components/parameters/');
      expect(text).not.toContain('#/components/responses/');
      expect(text).toContain('#/components/schemas/PlaceOrderRequest');
    });

    it('redeploys whenever the body changes, creating the new deployment first', () => {
      const deployment = api.resource('aws_api_gateway_deployment');
      expect(deployment.triggers).toEqual({ redeployment: `\${sha1(${api.ref('aws_api_gateway_rest_api', 'body').slice(2, -1)})}` });
      expect(deployment.lifecycle).toEqual({ create_before_destroy: true });
    });

    it('serves a prod stage with access logs, tracing and throttling', () => {
      const stage = api.resource('aws_api_gateway_stage');
      expect(stage.stage_name).toBe('prod');
      expect(stage.xray_tracing_enabled).toBe(true);
      expect(stage.access_log_settings).toMatchObject({ destination_arn: expect.stringContaining('aws_cloudwatch_log_group') });
      const format = JSON.parse((stage.access_log_settings as { format: string }).format);
      expect(format).toMatchObject({ requestId: '$context.requestId', userArn: '$context.identity.userArn' });
      // A guest's identity id is enough to get its credentials: no access-log reader may see it.
      expect(JSON.stringify(format)).not.toMatch(/cognitoIdentityId|cognitoAuthenticationProvider/i);
      expect(api.resource('aws_api_gateway_method_settings')).toMatchObject({
        method_path: '*/*',
        settings: { throttling_rate_limit: 50, throttling_burst_limit: 100, metrics_enabled: true },
      });
    });
  });

  describe('caller role policies', () => {
    const policies = Object.values(api.resources('aws_iam_role_policy')).filter(
      (policy) => policy.name === 'invoke-shop-platform-api',
    );
    const policyFor = (roleFragment: string) => {
      const found = policies.find((policy) => remoteOutput('identity', `aws_iam_roleidentity-pool_role-${roleFragment}`).test(policy.role as string));
      if (!found) throw new Error(`no policy for ${roleFragment}`);
      return policyOf(found).Statement;
    };
    const executionArn = api.ref('aws_api_gateway_rest_api', 'execution_arn');

    it('attaches one invoke policy to each identity role, by the name the identity stack outputs', () => {
      expect(policies).toHaveLength(4);
    });

    it('scopes shop owners by the escaped ${aws:PrincipalTag/shopId} variable', () => {
      const resources = policyFor('shopOwner')[1].Resource as string[];
      expect(resources).toEqual(
        expect.arrayContaining([
          `${executionArn}/prod/GET/shop/$\${aws:PrincipalTag/shopId}`,
          `${executionArn}/prod/GET/shop/$\${aws:PrincipalTag/shopId}/*`,
          `${executionArn}/prod/POST/shop/$\${aws:PrincipalTag/shopId}/*`,
        ]),
      );
      expect(api.json).not.toMatch(/[^$]\$\{aws:PrincipalTag/);
    });

    it('lets guests and customers invoke the customer operations only', () => {
      for (const role of ['guest', 'customer']) {
        expect(policyFor(role)).toEqual([
          {
            Sid: 'InvokeApiMethods',
            Effect: 'Allow',
            Action: 'execute-api:Invoke',
            Resource: ['GET/products', 'POST/order', 'GET/order/*', 'GET/orders'].map(
              (method) => `${executionArn}/prod/${method}`,
            ),
          },
        ]);
      }
    });

    it('lets admins invoke the statistics only', () => {
      expect(policyFor('admin')[0].Resource).toEqual([`${executionArn}/prod/GET/service-stats`]);
    });
  });

  describe('functions', () => {
    const apiFunctions = allFunctions.filter((definition) => definition.stack === 'api');

    it('deploys one function per operation plus the token rotation', () => {
      expect(lambdas.map((fn) => fn.function_name).sort()).toEqual(
        apiFunctions.map((definition) => `shop-platform-${definition.name}`).sort(),
      );
    });

    it('runs Node.js 22 on arm64 with active tracing, from a hashed zip asset', () => {
      for (const fn of lambdas) {
        expect(fn).toMatchObject({ runtime: 'nodejs22.x', architectures: ['arm64'], tracing_config: { mode: 'Active' } });
        expect(fn.filename).toMatch(/^assets\/[^/]+\/[0-9A-F]+\/[a-z-]+\.zip$/);
        expect(fn.source_code_hash).toMatch(/^[A-Za-z0-9+/]{43}=$/);
      }
    });

    it('keeps each log group for the configured retention', () => {
      const groups = Object.values(api.resources('aws_cloudwatch_log_group'));
      for (const definition of apiFunctions) {
        expect(groups).toContainEqual(
          expect.objectContaining({ name: `/aws/lambda/shop-platform-${definition.name}`, retention_in_days: 30 }),
        );
      }
    });

    it.each(allFunctions.filter((definition) => definition.stack === 'api').map((definition) => [definition.name, definition]))(
      '%s has a role with exactly the permissions its definition lists',
      (_name, definition) => {
        const fn = functionNamed(definition);
        const roleKey = /^\$\{aws_iam_role\.([^.]+)\.arn\}$/.exec(fn.role as string)![1];
        const policy = Object.values(api.resources('aws_iam_role_policy')).find(
          (candidate) => candidate.role === `\${aws_iam_role.${roleKey}.id}`,
        )!;
        const { permissions } = definition;
        const granted = policyOf(policy).Statement;
        const tableArn = remoteOutput('data', 'aws_dynamodb_tableorders_table');
        const byId = Object.fromEntries(granted.map((statement) => [statement.Sid, statement]));
        expect(Object.keys(byId).sort()).toEqual(
          [
            permissions.table && 'Table',
            permissions.queryIndexes && 'QueryIndexes',
            permissions.userPool && 'UserPool',
            'OwnLogs',
            'Traces',
          ]
            .filter(Boolean)
            .sort(),
        );
        if (permissions.table) {
          expect(byId.Table.Action).toEqual([...permissions.table]);
          expect(byId.Table.Resource).toMatch(tableArn);
        }
        if (permissions.queryIndexes) {
          expect(byId.QueryIndexes.Action).toBe('dynamodb:Query');
          expect((byId.QueryIndexes.Resource as string[]).map((arn) => arn.replace(/^.*\/index\//, ''))).toEqual([
            ...permissions.queryIndexes,
          ]);
        }
        if (permissions.userPool) {
          expect(byId.UserPool).toMatchObject({ Action: ['cognito-idp:AdminGetUser'] });
          expect(byId.UserPool.Resource).toMatch(remoteOutput('identity', 'aws_cognito_user_pooluser-pool'));
        }
        for (const statement of granted) {
          expect(JSON.stringify(statement.Action)).not.toMatch(/\*/);
          if (statement.Sid !== 'Traces') expect(statement.Resource).not.toBe('*');
        }
      },
    );

    it('lets only this API invoke each handler, per method and path', () => {
      const permissions = Object.values(api.resources('aws_lambda_permission')).filter(
        (permission) => permission.principal === 'apigateway.amazonaws.com',
      );
      const executionArn = api.ref('aws_api_gateway_rest_api', 'execution_arn');
      expect(permissions.map((permission) => permission.source_arn).sort()).toEqual(
        routes.map((route) => `${executionArn}/*/${route.method}${route.path.replace(/\{[^}]+\}/g, '*')}`).sort(),
      );
    });

    it('gives handlers the table and user pool from the other stacks', () => {
      const variables = (functionNamed(functions.getShop).environment as { variables: Record<string, string> }).variables;
      expect(variables.TABLE_NAME).toMatch(remoteOutput('data', 'aws_dynamodb_tableorders_table'));
      expect(variables.USER_POOL_ID).toMatch(remoteOutput('identity', 'aws_cognito_user_pooluser-pool'));
      expect(variables.SHOP_TOKEN_GRACE_SECONDS).toBe('120');
    });

    it('tells every handler that looks users up how long it may trust what it read (SHOP_USER_CACHE_SECONDS, 10 s by default)', () => {
      const readers = allFunctions.filter((fn) => fn.permissions.userPool?.some((action) => action === 'cognito-idp:AdminGetUser'));
      expect(readers.length).toBeGreaterThan(3);
      for (const fn of readers) {
        const variables = (functionNamed(fn).environment as { variables: Record<string, string> }).variables;
        expect({ fn: fn.name, cache: variables.SHOP_USER_CACHE_SECONDS }).toEqual({ fn: fn.name, cache: '10' });
      }
    });
  });

  describe('token rotation', () => {
    it('runs on the configured schedule and once after the first deploy', () => {
      const rotation = api.ref('aws_lambda_function', 'arn', (fn) => fn.function_name === 'shop-platform-rotate-all-shop-tokens');
      expect(api.resource('aws_cloudwatch_event_rule').schedule_expression).toBe('rate(1 hour)');
      expect(api.resource('aws_cloudwatch_event_target').arn).toBe(rotation);
      const invocations = Object.values(api.resources('aws_lambda_invocation'));
      expect(invocations.filter((invocation) => invocation.function_name === rotation.replace('.arn}', '.function_name}'))).toHaveLength(1);
      const custom = synthStacks({ SHOP_TOKEN_ROTATION_SCHEDULE: 'rate(15 minutes)' }).api;
      expect(custom.resource('aws_cloudwatch_event_rule').schedule_expression).toBe('rate(15 minutes)');
    });
  });

  describe('web ACL', () => {
    it('puts AWS WAF in front of the stage: a rate limit per client IP from the settings, then AWS managed common rules', () => {
      const acl = api.resource('aws_wafv2_web_acl');
      expect(acl).toMatchObject({ scope: 'REGIONAL', default_action: { allow: {} } });
      const rules = acl.rule as Array<Record<string, unknown>>;
      expect(rules.map((rule) => [rule.priority, rule.name])).toEqual([
        [0, 'RateLimitPerClientIp'],
        [1, 'AwsManagedCommonRuleSet'],
      ]);
      expect(rules[0]).toMatchObject({
        action: { block: {} },
        statement: { rate_based_statement: { limit: 1000, aggregate_key_type: 'IP', evaluation_window_sec: 300 } },
      });
      expect(rules[1]).toMatchObject({
        override_action: { none: {} },
        statement: { managed_rule_group_statement: { vendor_name: 'AWS', name: 'AWSManagedRulesCommonRuleSet' } },
      });
      expect(api.resource('aws_wafv2_web_acl_association')).toMatchObject({
        resource_arn: api.ref('aws_api_gateway_stage', 'arn'),
        web_acl_arn: api.ref('aws_wafv2_web_acl', 'arn'),
      });
      const custom = synthStacks({ SHOP_WAF_RATE_LIMIT: '250' }).api.resource('aws_wafv2_web_acl');
      expect((custom.rule as Array<{ statement: { rate_based_statement?: { limit: number } } }>)[0].statement.rate_based_statement?.limit).toBe(250);
    });
  });

  describe('aggregates', () => {
    it('reconciles them at apply, again whenever the seeded shops change', () => {
      const reconcile = api.ref('aws_lambda_function', 'function_name', (fn) => fn.function_name === 'shop-platform-reconcile-aggregates');
      const invocation = Object.values(api.resources('aws_lambda_invocation')).find((candidate) => candidate.function_name === reconcile);
      expect(invocation).toMatchObject({ input: JSON.stringify({ mode: 'reconcile' }), triggers: { seededShops: expect.stringMatching(/^[0-9a-f]{64}$/) } });
    });
  });

  it('manages the API Gateway CloudWatch role unless told not to, and resets it when destroyed', () => {
    const accounts = Object.values(api.resources('aws_api_gateway_account'));
    expect(accounts).toHaveLength(1);
    // Without reset_on_delete a destroy only drops the setting from state, and the
    // account keeps pointing at the role destroyed with the stack.
    expect(accounts[0]).toMatchObject({ reset_on_delete: true, cloudwatch_role_arn: api.ref('aws_iam_role', 'arn', (role) => role.name === 'shop-platform-ApiGatewayCloudWatch') });
    const unmanaged = synthStacks({ SHOP_MANAGE_APIGATEWAY_ACCOUNT: 'false' }).api;
    expect(unmanaged.resources('aws_api_gateway_account')).toEqual({});
  });

  it('outputs the invoke URL and the API id', () => {
    expect(api.outputs.api_url.value).toBe(api.ref('aws_api_gateway_stage', 'invoke_url'));
    expect(api.outputs.api_id.value).toBe(api.ref('aws_api_gateway_rest_api', 'id'));
  });

  describe('CORS for a web app on another origin (SHOP_WEB_ORIGIN)', () => {
    const origin = 'https://d111111abcdef8.cloudfront.net';
    const withOrigin = synthStacks({ SHOP_WEB_ORIGIN: origin }).api;
    const corsBody = JSON.parse(withOrigin.resource('aws_api_gateway_rest_api').body as string) as ApiDocument & Record<string, unknown>;

    it('gives every path an unauthenticated preflight answered by a mock integration with fixed headers', () => {
      for (const [path, item] of Object.entries(corsBody.paths)) {
        const methods = Object.keys(item ?? {}).filter((key) => key !== 'options').map((key) => key.toUpperCase());
        const preflight = item?.options as unknown as Record<string, unknown>;
        expect({ path, security: preflight.security }).toEqual({ path, security: [] });
        expect(preflight['x-amazon-apigateway-integration']).toEqual({
          type: 'mock',
          requestTemplates: { 'application/json': '{"statusCode": 200}' },
          passthroughBehavior: 'when_no_match',
          responses: {
            default: {
              statusCode: '200',
              responseParameters: {
                'method.response.header.Access-Control-Allow-Origin': `'${origin}'`,
                'method.response.header.Access-Control-Allow-Methods': `'${[...methods, 'OPTIONS'].join(',')}'`,
                'method.response.header.Access-Control-Allow-Headers':
                  "'authorization,content-type,idempotency-key,x-amz-content-sha256,x-amz-date,x-amz-security-token,x-amz-user-agent'",
                'method.response.header.Access-Control-Max-Age': "'600'",
              },
            },
          },
        });
      }
    });

    it("names the origin on API Gateway's own refusals, beside their other headers", () => {
      const responses = corsBody['x-amazon-apigateway-gateway-responses'] as Record<string, { responseParameters: Record<string, string> }>;
      for (const type of ['DEFAULT_4XX', 'DEFAULT_5XX']) {
        expect(responses[type].responseParameters).toEqual({
          'gatewayresponse.header.Cache-Control': "'no-store'",
          'gatewayresponse.header.X-Content-Type-Options': "'nosniff'",
          'gatewayresponse.header.Access-Control-Allow-Origin': `'${origin}'`,
          'gatewayresponse.header.Access-Control-Expose-Headers': "'x-amzn-errortype,x-amzn-requestid'",
        });
      }
    });

    it('tells the functions that answer the API the origin, and no other function', () => {
      const environments = Object.values(withOrigin.resources('aws_lambda_function')).map((fn) => ({
        name: String(fn.function_name),
        origin: (fn.environment as { variables: Record<string, string> }).variables.WEB_ORIGIN,
      }));
      const apiFunctions = new Set(routes.map((route) => deployedFunctionName('shop-platform', route.function)));
      expect(environments.filter((fn) => fn.origin === origin).map((fn) => fn.name).sort()).toEqual([...apiFunctions].sort());
      expect(environments.filter((fn) => !apiFunctions.has(fn.name)).every((fn) => fn.origin === undefined)).toBe(true);
    });

    it('adds nothing without a web origin', () => {
      expect(Object.values(body.paths).some((item) => item?.options !== undefined)).toBe(false);
      expect(lambdas.some((fn) => 'WEB_ORIGIN' in (fn.environment as { variables: Record<string, string> }).variables)).toBe(false);
    });
  });
});
