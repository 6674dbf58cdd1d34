import type { AwsServiceError } from '../aws-json/errors';
import type { AuthorizeHook, AuthorizedCaller, AwsCallInfo } from '../aws-json/service';
import type { Authenticator } from './authenticator';
import type { IamAuthorizer } from './iam-authorizer';
import { accessDenied, awsJsonErrorFor } from './refusals';

/**
 * The control plane's authorize hook: a signed Cognito or Secrets Manager call
 * must carry a valid signature for that service, and the caller's policies must
 * allow the operation on its resource (guest credentials cannot administer users).
 */
export function controlPlaneAuthorizer(authenticator: Authenticator, authorizer: IamAuthorizer): AuthorizeHook {
  return async (call: AwsCallInfo): Promise<AuthorizedCaller | AwsServiceError> => {
    const authenticated = await authenticator.authenticate({ ...call.request, remoteAddress: '' }, [call.signingName]);
    if (!authenticated.ok) return awsJsonErrorFor(authenticated);
    const decision = authorizer.authorize(authenticated.principal, call.iamAction, call.resourceArn);
    if (!decision.allowed) {
      return accessDenied(authenticated.principal.arn, call.iamAction, call.resourceArn, decision.explicitDeny, decision.deniedBy);
    }
    return { accessKeyId: authenticated.accessKeyId, principal: authenticated.principal };
  };
}
