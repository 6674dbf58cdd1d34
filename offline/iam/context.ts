/**
 * The request context: condition keys and their values. IAM matches condition
 * key names case-insensitively, so lookups ignore case.
 */

export type ContextValue = string | readonly string[];
export type RequestContextInput = Readonly<Record<string, ContextValue>>;

export class RequestContext {
  private readonly values = new Map<string, ContextValue>();

  constructor(input: RequestContextInput) {
    for (const [key, value] of Object.entries(input)) {
      const normalised = key.toLowerCase();
      // Two spellings of one key would make the lookup depend on their order.
      if (this.values.has(normalised)) throw new TypeError(`the request context holds the key '${key}' twice (case-insensitively)`);
      this.values.set(normalised, value);
    }
  }

  get(key: string): ContextValue | undefined {
    return this.values.get(key.toLowerCase());
  }
}
