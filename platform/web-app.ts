/**
 * The web app's contract with whoever serves it: the configuration it reads
 * from `config.json` beside it, which the `web` stack writes from the identity
 * and api stacks' outputs.
 */
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
