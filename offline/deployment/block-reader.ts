import { AssemblyError } from '../terraform/assembly-error';
import { describeValue, isTerraformObject, type TerraformObject, type TerraformValue } from '../terraform/values';
import type { ExplainLog } from './explain';

export type ResolveValue = (raw: TerraformValue, where: string) => TerraformValue;

export interface BlockContext {
  /** `api: aws_lambda_function.get-order_function_4C43515D`. */
  subject: string;
  resolve: ResolveValue;
  explain: ExplainLog;
}

function present(value: TerraformValue | undefined): value is TerraformValue {
  return value !== undefined && value !== null;
}

/**
 * Reads one block of a resource's configuration, resolving each argument as it
 * is read. Every argument must be read or explicitly ignored (with the reason
 * `--explain` shows): `finish()` refuses any other, so a setting the runtime
 * does not understand can never pass silently.
 */
export class BlockReader {
  private readonly consumed = new Set<string>();

  constructor(
    private readonly body: TerraformObject,
    /** e.g. `password_policy` inside the resource, for messages; empty at the top. */
    private readonly path: string,
    private readonly context: BlockContext,
  ) {}

  private where(key: string): string {
    return `${this.context.subject} ${this.path === '' ? key : `${this.path}.${key}`}`;
  }

  /** The error that refuses `key`, naming where it is; callers throw it. */
  error(key: string, problem: string): AssemblyError {
    return new AssemblyError(`${this.where(key)}: ${problem}`);
  }

  private fail(key: string, problem: string): never {
    throw this.error(key, problem);
  }

  has(key: string): boolean {
    return present(this.body[key]);
  }

  /** The resolved value, or undefined when absent. */
  value(key: string): TerraformValue | undefined {
    this.consumed.add(key);
    const raw = this.body[key];
    if (!present(raw)) return undefined;
    return this.context.resolve(raw, this.where(key));
  }

  optionalString(key: string): string | undefined {
    const value = this.value(key);
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    if (typeof value !== 'string') this.fail(key, `expected a string, found ${describeValue(value)}`);
    return value;
  }

  string(key: string): string {
    const value = this.optionalString(key);
    if (value === undefined) this.fail(key, 'is required');
    return value;
  }

  /** Terraform converts `"512"` to a number where one is expected; so does this. */
  optionalNumber(key: string): number | undefined {
    const value = this.value(key);
    if (value === undefined || value === null) return undefined;
    const number = typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
    if (typeof number !== 'number' || !Number.isFinite(number)) this.fail(key, `expected a number, found ${describeValue(value)}`);
    return number;
  }

  number(key: string): number {
    const value = this.optionalNumber(key);
    if (value === undefined) this.fail(key, 'is required');
    return value;
  }

  optionalBoolean(key: string): boolean | undefined {
    const value = this.value(key);
    if (value === undefined || value === null) return undefined;
    if (value === true || value === 'true') return true;
    if (value === false || value === 'false') return false;
    this.fail(key, `expected true or false, found ${describeValue(value)}`);
  }

  boolean(key: string, fallback: boolean): boolean {
    return this.optionalBoolean(key) ?? fallback;
  }

  optionalStringList(key: string): string[] | undefined {
    const value = this.value(key);
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value) || !value.every((item): item is string => typeof item === 'string')) {
      this.fail(key, `expected a list of strings, found ${describeValue(value)}`);
    }
    return value;
  }

  stringList(key: string): string[] {
    return this.optionalStringList(key) ?? [];
  }

  optionalStringMap(key: string): Record<string, string> | undefined {
    const value = this.value(key);
    if (value === undefined || value === null) return undefined;
    if (!isTerraformObject(value)) this.fail(key, `expected a map of strings, found ${describeValue(value)}`);
    const map: Record<string, string> = {};
    for (const [name, item] of Object.entries(value)) {
      if (typeof item !== 'string' && typeof item !== 'number' && typeof item !== 'boolean') {
        this.fail(`${key}.${name}`, `expected a string, found ${describeValue(item)}`);
      }
      map[name] = String(item);
    }
    return map;
  }

  /**
   * A nested block given at most once. Terraform's JSON syntax accepts it as an
   * object or as a list holding one object.
   */
  optionalBlock(key: string): BlockReader | undefined {
    const blocks = this.blocks(key);
    if (blocks.length > 1) this.fail(key, 'may be given only once');
    return blocks[0];
  }

  block(key: string): BlockReader {
    const block = this.optionalBlock(key);
    if (!block) this.fail(key, 'is required');
    return block;
  }

  /** A nested block that may repeat. Blocks are read unresolved, argument by argument. */
  blocks(key: string): BlockReader[] {
    this.consumed.add(key);
    const raw = this.body[key];
    if (!present(raw)) return [];
    const list = Array.isArray(raw) ? raw : [raw];
    return list.map((item, index) => {
      const path = `${this.path === '' ? key : `${this.path}.${key}`}${Array.isArray(raw) ? `[${index}]` : ''}`;
      if (!isTerraformObject(item)) throw new AssemblyError(`${this.context.subject} ${path}: expected a block, found ${describeValue(item)}`);
      return new BlockReader(item, path, this.context);
    });
  }

  /** Accepts an argument without emulating it; `--explain` lists it when it is set. */
  ignore(key: string, reason: string): void {
    this.consumed.add(key);
    if (present(this.body[key])) {
      this.context.explain.add({ subject: this.context.subject, argument: this.path === '' ? key : `${this.path}.${key}`, reason });
    }
  }

  /** Accepts arguments that cannot matter offline at all (descriptions, tags): not even listed. */
  skip(...keys: string[]): void {
    for (const key of keys) this.consumed.add(key);
  }

  /** Refuses an argument if it is set: the runtime cannot give it the meaning AWS would. */
  refuse(key: string, reason: string): void {
    this.consumed.add(key);
    if (present(this.body[key])) this.fail(key, `is set, but ${reason}`);
  }

  /** Every argument given must have been read, ignored or skipped. */
  finish(): void {
    for (const [key, value] of Object.entries(this.body)) {
      if (!this.consumed.has(key) && present(value)) {
        this.fail(key, 'is not understood by the offline runtime, which refuses to start rather than ignore a setting that may change who may do what');
      }
    }
  }
}
