/**
 * Where dynalite writes an answer when the runtime calls its request handler
 * directly: the part of a ServerResponse dynalite uses (a status, headers, one
 * `end` with the body), handed to `done` instead of a socket.
 */
export class CapturedResponse {
  statusCode = 200;
  /** dynalite keeps the request's content type here for its answer. */
  contentType = 'application/x-amz-json-1.0';
  readonly headers = new Map<string, string>();

  constructor(private readonly done: (statusCode: number, body: string) => void) {}

  setHeader(name: string, value: string | number): this {
    this.headers.set(name.toLowerCase(), String(value));
    return this;
  }

  end(body?: string | Buffer): void {
    this.done(this.statusCode, body === undefined ? '' : body.toString());
  }
}
