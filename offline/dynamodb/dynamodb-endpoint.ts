import type { ServerResponse } from 'node:http';
import { awsJsonErrorResponse } from '../aws-json/dispatcher';
import { AwsServiceError } from '../aws-json/errors';
import { writeNodeResponse } from '../aws-json/http';
import type { Authenticator } from '../authorization/authenticator';
import type { IamAuthorizer } from '../authorization/iam-authorizer';
import { defaultMaxJsonDepth } from '../http/bounded-json';
import { accessDenied, awsJsonErrorFor } from '../authorization/refusals';
import type { BufferedRequest } from '../http/buffered-request';
import { dynamoDbContentType, readDynamoDbInput, type DynamoDbService } from './dynamodb-service';
import { dynamoDbPermissions } from './iam-resources';

export { dynamoDbTargetPrefix } from './dynamodb-service';

/**
 * The DynamoDB API on the runtime's port: the signature is verified and IAM
 * evaluated (`dynamodb:<Operation>` on the table or index, item by item for a
 * transaction) before the call runs, so functions are held to their
 * least-privilege policies offline too.
 */
export class DynamoDbEndpoint {
  constructor(
    private readonly service: DynamoDbService,
    private readonly authenticator: Authenticator,
    private readonly authorizer: IamAuthorizer,
    private readonly account: { region: string; accountId: string },
  ) {}

  async serve(request: BufferedRequest, response: ServerResponse, operation: string): Promise<void> {
    const refused = (error: AwsServiceError) =>
      writeNodeResponse(response, awsJsonErrorResponse(error, `local-${Date.now()}`, dynamoDbContentType));
    const authenticated = await this.authenticator.authenticate(request, ['dynamodb']);
    if (!authenticated.ok) return refused(awsJsonErrorFor(authenticated));
    const body = readDynamoDbInput(request);
    if (body.kind === 'too-deep') return refused(new AwsServiceError('SerializationException', `Request body nests objects and arrays more than ${defaultMaxJsonDepth} deep`));
    for (const { action, resource } of dynamoDbPermissions(operation, body.kind === 'object' ? body.value : {}, this.account)) {
      const decision = this.authorizer.authorize(authenticated.principal, action, resource);
      if (!decision.allowed) return refused(accessDenied(authenticated.principal.arn, action, resource, decision.explicitDeny, decision.deniedBy));
    }
    await this.service.serve(request, response, operation, body);
  }
}
