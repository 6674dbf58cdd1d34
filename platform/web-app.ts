/**
 * The web app's contract with whoever serves it: the folder it is served
 * under and the configuration it reads from `config.json` beside it (written
 * by the offline runtime from its outputs, by the `web` stack from the stacks').
 */
export const webAppPath = '/app/';

export interface WebAppConfig {
  region: string;
  /** Cognito's endpoint: offline the platform's one port; absent on AWS (the SDK's regional default). */
  cognitoEndpoint?: string;
  userPoolId: string;
  userPoolClientId: string;
  identityPoolId: string;
  /** The stage's invoke URL, without a trailing slash. */
  apiUrl: string;
}
