import { Fn, TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import type { ApiStack } from './api-stack';
import { WebHosting } from './constructs/web-hosting';
import type { DeploymentConfig } from './deployment-config';
import type { IdentityStack } from './identity-stack';
import { PlatformStack } from './platform-stack';

/**
 * The optional web app stack: the app in a private bucket behind CloudFront,
 * configured from the identity and api stacks' outputs. Its URL is the origin
 * the api stack must allow (SHOP_WEB_ORIGIN), so it is deployed after the api
 * stack, and the api stack once more with the URL (see the README).
 */
export class WebStack extends PlatformStack {
  constructor(scope: Construct, id: string, config: DeploymentConfig, identity: IdentityStack, api: ApiStack) {
    super(scope, id, config);
    const { settings } = config;
    const invokeUrl = api.restApi.stage.invokeUrl;
    const hosting = new WebHosting(this, 'web', {
      prefix: settings.prefix,
      region: settings.region,
      config: {
        region: settings.region,
        userPoolId: identity.userPool.pool.id,
        userPoolClientId: identity.userPool.client.id,
        identityPoolId: identity.identityPool.pool.id,
        apiUrl: invokeUrl,
      },
      // https://<api id>.execute-api.<region>.amazonaws.com/prod → its host.
      apiHost: Fn.element(Fn.split('/', invokeUrl), 2),
    });
    new TerraformOutput(this, 'web_url', { value: hosting.url, description: 'Set SHOP_WEB_ORIGIN to this, then deploy the api stack again' });
  }
}
