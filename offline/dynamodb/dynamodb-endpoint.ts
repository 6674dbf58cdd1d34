import type { ServerResponse } from 'node:http';
import { awsJsonErrorResponse } from '../aws-json/dispatcher';
import type { AwsServiceError } from '../aws-json/errors';
import { writeNodeResponse } from '../aws-json/http';
import type { Authenticator } from '../authorization/authenticator';
import type { IamAuthorizer } from '../authorization/iam-authorizer';
import { accessDenied, awsJsonErrorFor } from '../authorization/refusals';
import type { BufferedRequest } from '../http/buffered-request';
import { dynamoDbResources } from './iam-resources';
import type { LocalDynamoDb } from './local-dynamodb';

export const dynamoDbTargetPrefix = 'DynamoDB_20120810';

/**
 * The DynamoDB API on the runtime's port: the signature is verified and IAM
 * evaluated (`dynamodb:<Operation>` on the table or index) before dynalite runs
 * the call, so functions are held to their least-privilege policies offline too.
 */
export class DynamoDbEndpoint {
  constructor(
    private readonly dynamoDb: LocalDynamoDb,
    private readonly authenticator: Authenticator,
    private readonly authorizer: IamAuthorizer,
    private readonly account: { region: string; accountId: string },
  ) {}

  async serve(request: BufferedRequest, response: ServerResponse, operation: string): Promise<void> {
    const refused = (error: AwsServiceError) =>
      writeNodeResponse(response, awsJsonErrorResponse(error, `local-${Date.now()}`, 'application/x-amz-json-1.0'));
    const authenticated = await this.authenticator.authenticate(request, ['dynamodb']);
    if (!authenticated.ok) return refused(awsJsonErrorFor(authenticated));
    let input: Record<string, unknown> = {};
    try {
      input = JSON.parse(request.body.toString('utf8') || '{}') as Record<string, unknown>;
    } catch {
      // dynalite answers a malformed body with SerializationException itself.
    }
    for (const resource of dynamoDbResources(operation, input, this.account)) {
      const action = `dynamodb:${operation}`;
      const decision = this.authorizer.authorize(authenticated.principal, action, resource);
      if (!decision.allowed) return refused(accessDenied(authenticated.principal.arn, action, resource, decision.explicitDeny, decision.deniedBy));
    }
    this.dynamoDb.handle(request, response);
  }
}
