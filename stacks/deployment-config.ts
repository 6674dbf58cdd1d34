import { loadSettings, SettingsError, type PlatformSettings } from '../platform/settings';

/**
 * Everything `main.ts` needs to build the stacks: the platform settings shared
 * with the offline runtime, plus where Terraform keeps each stack's state.
 */
export type StateBackend =
  | { kind: 'local' }
  | { kind: 's3'; bucket: string; keyPrefix: string; region: string }
  | { kind: 'cloud'; organization: string; workspacePrefix: string; hostname?: string };

export interface DeploymentConfig {
  settings: PlatformSettings;
  backend: StateBackend;
}

export const backendVariables = {
  kind: 'SHOP_STATE_BACKEND',
  s3Bucket: 'SHOP_STATE_BUCKET',
  s3KeyPrefix: 'SHOP_STATE_KEY_PREFIX',
  s3Region: 'SHOP_STATE_REGION',
  cloudOrganization: 'SHOP_TFC_ORGANIZATION',
  cloudWorkspacePrefix: 'SHOP_TFC_WORKSPACE_PREFIX',
  cloudHostname: 'SHOP_TFC_HOSTNAME',
} as const;

function required(env: NodeJS.ProcessEnv, name: string, backend: string): string {
  const value = env[name];
  if (!value) throw new SettingsError(`${name} is required when ${backendVariables.kind}=${backend}`);
  return value;
}

function loadBackend(env: NodeJS.ProcessEnv, settings: PlatformSettings): StateBackend {
  const kind = env[backendVariables.kind] || 'local';
  switch (kind) {
    case 'local':
      return { kind };
    case 's3':
      return {
        kind,
        bucket: required(env, backendVariables.s3Bucket, kind),
        keyPrefix: env[backendVariables.s3KeyPrefix] || settings.prefix,
        region: env[backendVariables.s3Region] || settings.region,
      };
    case 'cloud':
      return {
        kind,
        organization: required(env, backendVariables.cloudOrganization, kind),
        workspacePrefix: env[backendVariables.cloudWorkspacePrefix] || settings.prefix,
        hostname: env[backendVariables.cloudHostname] || undefined,
      };
    default:
      throw new SettingsError(`${backendVariables.kind}="${kind}" is not valid: use local, s3 or cloud`);
  }
}

export function loadDeploymentConfig(env: NodeJS.ProcessEnv = process.env): DeploymentConfig {
  const settings = loadSettings(env);
  return { settings, backend: loadBackend(env, settings) };
}
