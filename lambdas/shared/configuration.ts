import { environmentVariables } from '../../platform/functions';

/** The function's settings from its environment; a missing or bad one is a deployment fault, not a client error. */
export class ConfigurationError extends Error {
  override name = 'ConfigurationError';
}

export function requiredSetting(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (value === undefined || value === '') throw new ConfigurationError(`${name} is not set`);
  return value;
}

/** How long a user's role and shop read from the pool may be reused; required, as the stack always sets it. */
export function userCacheMs(env: NodeJS.ProcessEnv): number {
  const name = environmentVariables.userCacheSeconds;
  const raw = requiredSetting(env, name);
  if (!/^[0-9]{1,3}$/.test(raw)) throw new ConfigurationError(`${name}="${raw}" is not a whole number of seconds`);
  return Number(raw) * 1000;
}

export const defaultShopTokenGraceSeconds = 120;

export function shopTokenGraceMs(env: NodeJS.ProcessEnv): number {
  const name = environmentVariables.tokenGraceSeconds;
  const raw = env[name];
  if (raw === undefined || raw === '') return defaultShopTokenGraceSeconds * 1000;
  if (!/^[0-9]{1,5}$/.test(raw)) throw new ConfigurationError(`${name}="${raw}" is not a whole number of seconds`);
  return Number(raw) * 1000;
}
