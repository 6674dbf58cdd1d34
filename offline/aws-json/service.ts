import type { AwsServiceError } from './errors';
import type { HttpRequestData } from './http';

/** A parsed JSON request body; every handler validates the members it reads. */
export type JsonObject = { [member: string]: unknown };

/** Who the authorize hook found behind a signed request: the root, an identity-pool or a function session. */
export interface AuthorizedCaller {
  accessKeyId: string;
  principal: { kind: string; arn: string };
}

/** Everything the runtime needs to verify a signature and evaluate IAM for one call. */
export interface AwsCallInfo {
  requestId: string;
  /** Signing name, e.g. `cognito-idp`: the service SigV4's credential scope must name. */
  signingName: string;
  targetPrefix: string;
  operation: string;
  /** e.g. `cognito-idp:AdminGetUser` */
  iamAction: string;
  resourceArn: string;
  input: JsonObject;
  request: HttpRequestData;
}

export type AuthorizeHook = (call: AwsCallInfo) => Promise<AuthorizedCaller | AwsServiceError>;

export interface OperationContext {
  requestId: string;
  /** Present for signed operations only. */
  caller?: AuthorizedCaller;
}

export interface AwsOperation {
  handler: (input: JsonObject, context: OperationContext) => Promise<JsonObject>;
  /** Whether AWS requires SigV4 for it; signed operations go through the authorize hook first. */
  signed: boolean;
  iamAction: string;
  /** The resource IAM evaluates; called before the handler validates input, so it must not throw. */
  resourceArn: (input: JsonObject) => string;
}

export interface AwsJsonService {
  /** The part of `X-Amz-Target` before the dot, e.g. `AWSCognitoIdentityProviderService`. */
  targetPrefix: string;
  signingName: string;
  operations: Readonly<Record<string, AwsOperation>>;
}

/** A service's operation handlers over its state, split by whether AWS requires a signature. */
export type StatefulHandler<State> = (state: State, input: JsonObject) => Promise<JsonObject>;

/**
 * Builds a service's operation table: each handler bound to the state, its IAM
 * action `<signingName>:<Operation>`, and the resource IAM evaluates.
 */
export function operationTable<State>(options: {
  signingName: string;
  state: State;
  unsigned: Readonly<Record<string, StatefulHandler<State>>>;
  signed: Readonly<Record<string, StatefulHandler<State>>>;
  resourceArn: (operation: string, input: JsonObject) => string;
}): Record<string, AwsOperation> {
  const operations: Record<string, AwsOperation> = {};
  for (const [signed, table] of [
    [false, options.unsigned],
    [true, options.signed],
  ] as const) {
    for (const [name, handler] of Object.entries(table)) {
      operations[name] = {
        signed,
        iamAction: `${options.signingName}:${name}`,
        resourceArn: (input) => options.resourceArn(name, input),
        handler: (input) => handler(options.state, input),
      };
    }
  }
  return operations;
}
