import type { App } from 'cdktf';
import { ApiStack } from './api-stack';
import { DataStack } from './data-stack';
import type { DeploymentConfig } from './deployment-config';
import { IdentityStack } from './identity-stack';
import { WebStack } from './web-stack';

export interface PlatformStacks {
  identity: IdentityStack;
  data: DataStack;
  api: ApiStack;
  /** Only with SHOP_WEB_STACK=true. */
  web?: WebStack;
}

/** identity → data → api (→ web), wired through cross-stack references (Terraform remote state). */
export function defineStacks(app: App, config: DeploymentConfig): PlatformStacks {
  const identity = new IdentityStack(app, 'identity', config);
  const data = new DataStack(app, 'data', config, identity);
  const api = new ApiStack(app, 'api', config, identity, data);
  const web = config.settings.webStack ? new WebStack(app, 'web', config, identity, api) : undefined;
  return { identity, data, api, ...(web ? { web } : {}) };
}
