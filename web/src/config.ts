import type { WebAppConfig } from '../../platform/web-app';

export type AppConfig = WebAppConfig;

/** The configuration the server wrote beside the app. */
export async function loadConfig(): Promise<AppConfig> {
  const response = await fetch('config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`The app's configuration could not be read (HTTP ${response.status})`);
  const config = (await response.json()) as AppConfig;
  return { ...config, cognitoEndpoint: config.cognitoEndpoint ?? cognitoEndpointBeside(config.apiUrl) };
}

/**
 * On AWS, Cognito has its regional endpoints (the SDK's default). An API that is
 * not on amazonaws.com is the offline platform, whose one endpoint answers
 * Cognito too, as every client of it is pointed at that endpoint.
 */
function cognitoEndpointBeside(apiUrl: string): string | undefined {
  const api = new URL(apiUrl);
  return api.hostname.endsWith('.amazonaws.com') ? undefined : api.origin;
}
