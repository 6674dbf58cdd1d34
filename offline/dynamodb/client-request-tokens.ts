import { AwsServiceError } from '../aws-json/errors';

/**
 * `ClientRequestToken` of TransactWriteItems: for ten minutes, the same token
 * with the same request succeeds again without writing anything; with another
 * request it is IdempotentParameterMismatchException, and while the first is
 * still running, TransactionInProgressException. Kept in memory: tokens do
 * not outlive the process (a restart is longer than a client's retry).
 */
export const clientTokenLifetimeMs = 10 * 60 * 1000;

interface TokenUse {
  fingerprint: string;
  atMs: number;
  finished: boolean;
}

export class ClientRequestTokens {
  private readonly uses = new Map<string, TokenUse>();

  constructor(private readonly now: () => number = Date.now) {}

  /** `true` when an earlier identical request finished: answer success without writing. */
  begin(token: string, fingerprint: string): boolean {
    this.forgetExpired();
    const use = this.uses.get(token);
    if (use) {
      if (use.fingerprint !== fingerprint) {
        throw new AwsServiceError(
          'IdempotentParameterMismatchException',
          'The request uses the same client token as a previous, but non-identical request.',
        );
      }
      if (!use.finished) throw new AwsServiceError('TransactionInProgressException', 'The transaction with the given request token is already in progress.');
      return true;
    }
    this.uses.set(token, { fingerprint, atMs: this.now(), finished: false });
    return false;
  }

  /** The request wrote everything: later identical requests succeed without writing. */
  finish(token: string): void {
    const use = this.uses.get(token);
    if (use) use.finished = true;
  }

  /** The request was refused or cancelled: nothing was written, the token is free again. */
  release(token: string): void {
    this.uses.delete(token);
  }

  private forgetExpired(): void {
    const oldest = this.now() - clientTokenLifetimeMs;
    for (const [token, use] of this.uses) if (use.atMs < oldest) this.uses.delete(token);
  }
}
