/**
 * An error an AWS service answers with: a code clients switch on (`__type`,
 * `x-amzn-ErrorType`), a message for people, and an HTTP status.
 */
export class AwsServiceError extends Error {
  readonly code: string;
  readonly statusCode: number;
  /** Members the error carries besides its message (DynamoDB's CancellationReasons, for one). */
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: string, message: string, statusCode = 400, details: Readonly<Record<string, unknown>> = {}) {
    super(message);
    this.name = code;
    this.code = code;
    this.statusCode = statusCode;
    this.details = details;
  }
}

export function isAwsServiceError(value: unknown): value is AwsServiceError {
  return value instanceof AwsServiceError;
}

export function invalidParameter(message: string): AwsServiceError {
  return new AwsServiceError('InvalidParameterException', message);
}

export function notAuthorized(message: string): AwsServiceError {
  return new AwsServiceError('NotAuthorizedException', message);
}

export function resourceNotFound(message: string): AwsServiceError {
  return new AwsServiceError('ResourceNotFoundException', message);
}
