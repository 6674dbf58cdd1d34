import type { UserPoolContext } from './pool-context';
import { invalidParameter, notAuthorized } from '../aws-json/errors';
import type { InputReader } from '../aws-json/input';
import { schemaAttribute } from './schema';
import { standardAttributes } from './standard-attributes';

export interface AttributeWrite {
  name: string;
  value: string;
}

const verifiedFlags = ['email_verified', 'phone_number_verified'];

/**
 * What the app client may write: its write attributes, or, when the client
 * names none, the pool's standard attributes (never custom ones), as Cognito
 * defaults. This is what keeps a user from granting themselves `custom:role`.
 */
function clientWritable(pool: UserPoolContext): readonly string[] {
  return pool.client.writeAttributes ?? standardAttributes.map((attribute) => attribute.name).filter((name) => name !== 'sub' && !verifiedFlags.includes(name));
}

/** What the app client may read: its read attributes, or the standard ones and the verified flags. */
function clientReadable(pool: UserPoolContext): readonly string[] {
  return pool.client.readAttributes ?? standardAttributes.map((attribute) => attribute.name);
}

export function readAttributeList(reader: InputReader, member: string): AttributeWrite[] | undefined {
  return reader.optionalList(member, (item) => {
    item.allowOnly(['Name', 'Value']);
    return { name: item.requiredString('Name', { minLength: 1, maxLength: 32 }), value: item.optionalString('Value') ?? '' };
  });
}

export function assertClientMayWrite(pool: UserPoolContext, writes: readonly AttributeWrite[]): void {
  const writable = clientWritable(pool);
  if (writes.some((write) => !writable.includes(write.name))) {
    throw notAuthorized('A client attempted to write unauthorized attribute');
  }
}

export function isClientReadable(pool: UserPoolContext, name: string): boolean {
  return name === 'sub' || clientReadable(pool).includes(name);
}

export const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const phonePattern = /^\+[0-9]{5,15}$/;

/** Checks names and values against the pool's schema; the caller has already decided who may write what. */
export function validateAttributeWrites(pool: UserPoolContext, writes: readonly AttributeWrite[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const { name, value } of writes) {
    const attribute = schemaAttribute(pool.config, name);
    if (!attribute) {
      throw invalidParameter(`Attributes did not conform to the schema: Type for attribute {${name}} could not be determined`);
    }
    if (!attribute.mutable) throw invalidParameter(`Cannot modify the non-mutable attribute ${name}`);
    if (Object.hasOwn(values, name)) throw invalidParameter(`Attribute ${name} is given more than once`);
    if (attribute.dataType === 'Boolean' && value !== 'true' && value !== 'false') {
      throw invalidParameter(`Attributes did not conform to the schema: ${name}: Attribute does not have a valid boolean value`);
    }
    if (attribute.dataType === 'Number') {
      const number = /^-?[0-9]+$/.test(value) ? Number(value) : NaN;
      const outOfRange =
        Number.isNaN(number) ||
        (attribute.minValue !== undefined && number < attribute.minValue) ||
        (attribute.maxValue !== undefined && number > attribute.maxValue);
      if (outOfRange) throw invalidParameter(`Attributes did not conform to the schema: ${name}: Attribute does not have a valid number value`);
    }
    if (attribute.dataType === 'String') {
      const min = attribute.minLength ?? 0;
      const max = attribute.maxLength ?? 2048;
      if (value.length < min || value.length > max) {
        throw invalidParameter(`Attributes did not conform to the schema: ${name}: String must be from ${min} to ${max} characters long`);
      }
    }
    if (name === 'email' && !emailPattern.test(value)) throw invalidParameter('Invalid email address format.');
    if (name === 'phone_number' && !phonePattern.test(value)) throw invalidParameter('Invalid phone number format.');
    values[name] = value;
  }
  return values;
}
