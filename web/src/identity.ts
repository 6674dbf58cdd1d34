import { CognitoIdentityClient, GetCredentialsForIdentityCommand, GetIdCommand } from '@aws-sdk/client-cognito-identity';
import { CognitoIdentityProviderClient, InitiateAuthCommand, SignUpCommand, ConfirmSignUpCommand } from '@aws-sdk/client-cognito-identity-provider';
import { customAttributes } from '../../platform/user-pool';
import type { AppConfig } from './config';

/** Temporary AWS credentials of an identity-pool identity. */
export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
}

/** Who is using the app: a guest (identity-pool guest) or a signed-in user with the claims of their ID token. */
export type Who = { kind: 'guest' } | { kind: 'user'; email: string; role: string; shopId?: string };

/** Renewed this long before they expire, so a request is never signed with credentials about to lapse. */
const renewBeforeMs = 5 * 60 * 1000;
/** A guest keeps one identity for the browser tab's session, as the original design describes. */
const guestIdentityKey = 'shop.guestIdentityId';

function claimsOf(idToken: string): Record<string, unknown> {
  const payload = idToken.split('.')[1] ?? '';
  const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0)))) as Record<string, unknown>;
}

/**
 * The caller's identity and credentials. Guests get identity-pool guest
 * credentials; a sign-in exchanges the user pool's ID token for the role the
 * identity pool maps. The ID token stays in memory only (a reload signs out);
 * the guest's identity id is all that goes to sessionStorage.
 */
export class Identity {
  private readonly identity: CognitoIdentityClient;
  private readonly users: CognitoIdentityProviderClient;
  private idToken: string | undefined;
  private identityId: string | undefined;
  private credentials: Credentials | undefined;
  who: Who = { kind: 'guest' };

  constructor(private readonly config: AppConfig) {
    const endpoint = config.cognitoEndpoint;
    this.identity = new CognitoIdentityClient({ region: config.region, ...(endpoint ? { endpoint } : {}) });
    this.users = new CognitoIdentityProviderClient({ region: config.region, ...(endpoint ? { endpoint } : {}) });
  }

  private get logins(): Record<string, string> | undefined {
    if (!this.idToken) return undefined;
    const provider = `cognito-idp.${this.config.region}.amazonaws.com/${this.config.userPoolId}`;
    return { [provider]: this.idToken };
  }

  async signIn(email: string, password: string): Promise<void> {
    const answer = await this.users.send(
      new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: this.config.userPoolClientId, AuthParameters: { USERNAME: email, PASSWORD: password } }),
    );
    const idToken = answer.AuthenticationResult?.IdToken;
    if (!idToken) throw new Error(answer.ChallengeName ? `The user pool asks for ${answer.ChallengeName}, which this app does not handle` : 'The user pool returned no ID token');
    const claims = claimsOf(idToken);
    this.idToken = idToken;
    this.identityId = undefined;
    this.credentials = undefined;
    this.who = {
      kind: 'user',
      email: String(claims.email ?? email),
      role: String(claims[customAttributes.role] ?? 'customer'),
      ...(typeof claims[customAttributes.shopId] === 'string' ? { shopId: String(claims[customAttributes.shopId]) } : {}),
    };
  }

  async signUp(email: string, password: string): Promise<void> {
    await this.users.send(new SignUpCommand({ ClientId: this.config.userPoolClientId, Username: email, Password: password, UserAttributes: [{ Name: 'email', Value: email }] }));
  }

  async confirmSignUp(email: string, code: string): Promise<void> {
    await this.users.send(new ConfirmSignUpCommand({ ClientId: this.config.userPoolClientId, Username: email, ConfirmationCode: code }));
  }

  signOut(): void {
    this.idToken = undefined;
    this.identityId = undefined;
    this.credentials = undefined;
    this.who = { kind: 'guest' };
  }

  /** Credentials good for at least a few more minutes, fetched or renewed as needed. */
  async current(): Promise<Credentials> {
    if (this.credentials && this.credentials.expiration.getTime() - Date.now() > renewBeforeMs) return this.credentials;
    const identityId = await this.resolveIdentityId();
    const answer = await this.identity.send(new GetCredentialsForIdentityCommand({ IdentityId: identityId, Logins: this.logins })).catch(async (error: unknown) => {
      // A guest identity remembered from before the pool forgot it (a reset platform): start a new one, once.
      if (this.idToken || !(error instanceof Error) || error.name !== 'ResourceNotFoundException') throw error;
      sessionStorage.removeItem(guestIdentityKey);
      this.identityId = undefined;
      return this.identity.send(new GetCredentialsForIdentityCommand({ IdentityId: await this.resolveIdentityId() }));
    });
    const issued = answer.Credentials;
    if (!issued?.AccessKeyId || !issued.SecretKey || !issued.SessionToken || !issued.Expiration) throw new Error('The identity pool returned no credentials');
    this.credentials = { accessKeyId: issued.AccessKeyId, secretAccessKey: issued.SecretKey, sessionToken: issued.SessionToken, expiration: issued.Expiration };
    return this.credentials;
  }

  private async resolveIdentityId(): Promise<string> {
    if (this.identityId) return this.identityId;
    const remembered = this.idToken ? undefined : sessionStorage.getItem(guestIdentityKey) ?? undefined;
    if (remembered) return (this.identityId = remembered);
    const answer = await this.identity.send(new GetIdCommand({ IdentityPoolId: this.config.identityPoolId, Logins: this.logins }));
    if (!answer.IdentityId) throw new Error('The identity pool returned no identity id');
    if (!this.idToken) sessionStorage.setItem(guestIdentityKey, answer.IdentityId);
    return (this.identityId = answer.IdentityId);
  }
}
