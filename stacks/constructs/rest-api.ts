import { ApiGatewayDeployment } from '@cdktf/provider-aws/lib/api-gateway-deployment';
import { ApiGatewayMethodSettings } from '@cdktf/provider-aws/lib/api-gateway-method-settings';
import { ApiGatewayRestApi } from '@cdktf/provider-aws/lib/api-gateway-rest-api';
import { ApiGatewayStage } from '@cdktf/provider-aws/lib/api-gateway-stage';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { Fn, type ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import type { ApiDocument } from '../../openapi/document';
import { apiStage, restApiName, routes } from '../../platform/routes';
import { stageLogGroupName } from '../../platform/resource-names';
import { escapeTerraformTemplate } from '../policy-json';
import { apiGatewayBody } from './api-gateway-body';
import type { NodejsFunction } from './nodejs-function';

export interface RestApiProps {
  prefix: string;
  document: ApiDocument;
  /** The function answering each route, by operationId. */
  handlers: Record<string, NodejsFunction>;
  logRetentionDays: number;
  throttle: { rateLimit: number; burstLimit: number };
  /** Resources the stage must wait for (the account's CloudWatch role). */
  stageDependsOn: ITerraformDependable[];
  /** The web app's origin: every path gets a CORS preflight and every answer names it; empty: no CORS. */
  webOrigin: string;
}

/**
 * What the access log records for every request. Never the caller's Cognito
 * identity id (`$context.identity.cognitoIdentityId`): a guest's identity id
 * is all GetCredentialsForIdentity asks for, so a log holding it would hand
 * whoever reads the log group every guest's credentials. API Gateway cannot
 * hash a variable, so it is left out; the role (`userArn`, whose session name
 * is always CognitoIdentityCredentials) and the authentication type remain.
 */
const accessLogFormat = {
  requestId: '$context.requestId',
  requestTime: '$context.requestTime',
  sourceIp: '$context.identity.sourceIp',
  caller: '$context.identity.caller',
  userArn: '$context.identity.userArn',
  cognitoAuthenticationType: '$context.identity.cognitoAuthenticationType',
  httpMethod: '$context.httpMethod',
  resourcePath: '$context.resourcePath',
  status: '$context.status',
  responseLength: '$context.responseLength',
  errorMessage: '$context.error.message',
  integrationError: '$context.integration.error',
};

/**
 * The regional REST API imported from the OpenAPI definition (every method AWS_IAM,
 * request validation on), a deployment that follows the definition, and the `prod`
 * stage with access logging, tracing and throttling.
 */
export class RestApi extends Construct {
  readonly api: ApiGatewayRestApi;
  readonly stage: ApiGatewayStage;

  constructor(scope: Construct, id: string, props: RestApiProps) {
    super(scope, id);
    const body = apiGatewayBody(
      props.document,
      (operationId) => {
        const handler = props.handlers[operationId];
        if (!handler) throw new Error(`No function answers ${operationId}`);
        return handler.function.invokeArn;
      },
      { webOrigin: props.webOrigin },
    );

    this.api = new ApiGatewayRestApi(this, 'api', {
      name: restApiName(props.prefix),
      description: props.document.info.title,
      body: escapeTerraformTemplate(JSON.stringify(body)),
      endpointConfiguration: { types: ['REGIONAL'] },
    });

    for (const route of routes) {
      const sourcePath = route.path.replace(/\{[^}]+\}/g, '*');
      new LambdaPermission(this, `invoke-${route.operationId}`, {
        statementId: 'AllowThisApiOnly',
        action: 'lambda:InvokeFunction',
        functionName: props.handlers[route.operationId].function.functionName,
        principal: 'apigateway.amazonaws.com',
        sourceArn: `${this.api.executionArn}/*/${route.method}${sourcePath}`,
      });
    }

    const deployment = new ApiGatewayDeployment(this, 'deployment', {
      restApiId: this.api.id,
      description: 'Follows the OpenAPI definition',
      triggers: { redeployment: Fn.sha1(this.api.body) },
      lifecycle: { createBeforeDestroy: true },
    });

    const accessLogs = new CloudwatchLogGroup(this, 'access-logs', {
      name: stageLogGroupName(props.prefix),
      retentionInDays: props.logRetentionDays,
    });

    this.stage = new ApiGatewayStage(this, 'stage', {
      restApiId: this.api.id,
      deploymentId: deployment.id,
      stageName: apiStage,
      xrayTracingEnabled: true,
      accessLogSettings: { destinationArn: accessLogs.arn, format: JSON.stringify(accessLogFormat) },
      dependsOn: props.stageDependsOn,
    });

    new ApiGatewayMethodSettings(this, 'throttling', {
      restApiId: this.api.id,
      stageName: this.stage.stageName,
      methodPath: '*/*',
      settings: {
        throttlingRateLimit: props.throttle.rateLimit,
        throttlingBurstLimit: props.throttle.burstLimit,
        metricsEnabled: true,
      },
    });
  }
}
