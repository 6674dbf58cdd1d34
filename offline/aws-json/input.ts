import { invalidParameter } from './errors';
import type { JsonObject } from './service';

/** AWS names members in camelCase in its validation messages. */
function memberLabel(member: string): string {
  return member.charAt(0).toLowerCase() + member.slice(1);
}

function describe(value: unknown): string {
  return typeof value === 'string' ? `'${value.length > 64 ? `${value.slice(0, 64)}...` : value}'` : JSON.stringify(value);
}

export interface StringRule {
  minLength?: number;
  maxLength?: number;
  pattern?: RegExp;
}

/**
 * Typed, validated access to an operation's input. Every failure is an
 * `InvalidParameterException` naming the member, like AWS's own validation.
 */
export class InputReader {
  constructor(
    private readonly input: JsonObject,
    /** e.g. `cognito-idp:SignUp`, for messages. */
    private readonly operation: string,
  ) {}

  /**
   * Rejects members the offline runtime does not implement: silently ignoring
   * one could make a caller believe a setting took effect.
   */
  allowOnly(members: readonly string[]): this {
    for (const member of Object.keys(this.input)) {
      if (!members.includes(member)) {
        throw invalidParameter(`Member '${member}' of ${this.operation} is not supported by the offline runtime`);
      }
    }
    return this;
  }

  has(member: string): boolean {
    return this.input[member] !== undefined && this.input[member] !== null;
  }

  requiredString(member: string, rule: StringRule = {}): string {
    const value = this.optionalString(member, rule);
    if (value === undefined) {
      throw invalidParameter(
        `1 validation error detected: Value null at '${memberLabel(member)}' failed to satisfy constraint: Member must not be null`,
      );
    }
    return value;
  }

  optionalString(member: string, rule: StringRule = {}): string | undefined {
    const value = this.input[member];
    if (value === undefined || value === null) return undefined;
    const label = memberLabel(member);
    if (typeof value !== 'string') {
      throw invalidParameter(`Value ${describe(value)} at '${label}' must be a string`);
    }
    const min = rule.minLength ?? 0;
    if (value.length < min || (rule.maxLength !== undefined && value.length > rule.maxLength)) {
      throw invalidParameter(
        `1 validation error detected: Value at '${label}' failed to satisfy constraint: Member must have length ` +
          (rule.maxLength === undefined ? `greater than or equal to ${min}` : `between ${min} and ${rule.maxLength}`),
      );
    }
    if (rule.pattern && !rule.pattern.test(value)) {
      throw invalidParameter(
        `1 validation error detected: Value ${describe(value)} at '${label}' failed to satisfy constraint: Member must satisfy regular expression pattern: ${rule.pattern.source}`,
      );
    }
    return value;
  }

  optionalBoolean(member: string): boolean | undefined {
    const value = this.input[member];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'boolean') throw invalidParameter(`Value ${describe(value)} at '${memberLabel(member)}' must be a boolean`);
    return value;
  }

  optionalInteger(member: string, min: number, max: number): number | undefined {
    const value = this.input[member];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      throw invalidParameter(`Value ${describe(value)} at '${memberLabel(member)}' must be an integer`);
    }
    if (value < min || value > max) {
      throw invalidParameter(
        `1 validation error detected: Value '${value}' at '${memberLabel(member)}' failed to satisfy constraint: Member must have value ${
          value < min ? `greater than or equal to ${min}` : `less than or equal to ${max}`
        }`,
      );
    }
    return value;
  }

  requiredInteger(member: string, min: number, max: number): number {
    const value = this.optionalInteger(member, min, max);
    if (value === undefined) {
      throw invalidParameter(
        `1 validation error detected: Value null at '${memberLabel(member)}' failed to satisfy constraint: Member must not be null`,
      );
    }
    return value;
  }

  /** A JSON object whose values are all strings, e.g. `Logins` or `AuthParameters`. */
  optionalStringMap(member: string): Record<string, string> | undefined {
    const value = this.input[member];
    if (value === undefined || value === null) return undefined;
    const label = memberLabel(member);
    if (typeof value !== 'object' || Array.isArray(value)) throw invalidParameter(`Value at '${label}' must be a map of strings`);
    const map: Record<string, string> = {};
    for (const [key, entry] of Object.entries(value)) {
      if (typeof entry !== 'string') throw invalidParameter(`Value of '${key}' at '${label}' must be a string`);
      map[key] = entry;
    }
    return map;
  }

  /** A list of objects, each checked by `readItem`. */
  optionalList<T>(member: string, readItem: (item: InputReader, index: number) => T): T[] | undefined {
    const value = this.input[member];
    if (value === undefined || value === null) return undefined;
    const label = memberLabel(member);
    if (!Array.isArray(value)) throw invalidParameter(`Value at '${label}' must be a list`);
    return value.map((item: unknown, index) => {
      if (typeof item !== 'object' || item === null || Array.isArray(item)) {
        throw invalidParameter(`Item ${index + 1} at '${label}' must be an object`);
      }
      return readItem(new InputReader(item as JsonObject, `${this.operation} ${member}[${index}]`), index);
    });
  }

  optionalStringList(member: string): string[] | undefined {
    const value = this.input[member];
    if (value === undefined || value === null) return undefined;
    const label = memberLabel(member);
    if (!Array.isArray(value) || !value.every((item): item is string => typeof item === 'string')) {
      throw invalidParameter(`Value at '${label}' must be a list of strings`);
    }
    return value;
  }
}

export function readInput(input: JsonObject, operation: string): InputReader {
  return new InputReader(input, operation);
}
