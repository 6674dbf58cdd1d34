import type { WebAppConfig } from '../../platform/web-app';

export type AppConfig = WebAppConfig;

/** The configuration the server wrote beside the app. */
export async function loadConfig(): Promise<AppConfig> {
  const response = await fetch('config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`The app's configuration could not be read (HTTP ${response.status})`);
  return (await response.json()) as AppConfig;
}
