import type { App } from 'cdktf';
import { ApiStack } from './api-stack';
import { DataStack } from './data-stack';
import type { DeploymentConfig } from './deployment-config';
import { IdentityStack } from './identity-stack';

export interface PlatformStacks {
  identity: IdentityStack;
  data: DataStack;
  api: ApiStack;
}

/** identity → data → api, wired through cross-stack references (Terraform remote state). */
export function defineStacks(app: App, config: DeploymentConfig): PlatformStacks {
  const identity = new IdentityStack(app, 'identity', config);
  const data = new DataStack(app, 'data', config, identity);
  const api = new ApiStack(app, 'api', config, identity, data);
  return { identity, data, api };
}
