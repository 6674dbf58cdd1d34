/**
 * One `InitiateAuth` (USER_PASSWORD_AUTH) as a raw HTTP request. Floods and
 * parallel guesses use it instead of the SDK, which would queue them on its
 * sockets and retry throttling errors.
 */
export interface SignInAnswer {
  status: number;
  /** The error type, `signed-in`, or `none`. */
  type: string;
  message: string;
}

export async function rawSignIn(endpoint: string, clientId: string, username: string, password: string): Promise<SignInAnswer> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth' },
    body: JSON.stringify({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: username, PASSWORD: password } }),
  });
  const body = (await response.json()) as { __type?: string; message?: string; AuthenticationResult?: unknown };
  return { status: response.status, type: body.__type ?? (body.AuthenticationResult ? 'signed-in' : 'none'), message: body.message ?? '' };
}
