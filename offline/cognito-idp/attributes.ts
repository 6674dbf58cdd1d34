import { userPool } from '../../platform/user-pool';
import { invalidParameter, notAuthorized } from '../aws-json/errors';
import type { InputReader } from '../aws-json/input';
import { schemaAttribute } from './schema';

export interface AttributeWrite {
  name: string;
  value: string;
}

const clientWritable: readonly string[] = userPool.client.writeAttributes;
const clientReadable: readonly string[] = userPool.client.readAttributes;

export function readAttributeList(reader: InputReader, member: string): AttributeWrite[] | undefined {
  return reader.optionalList(member, (item) => {
    item.allowOnly(['Name', 'Value']);
    return { name: item.requiredString('Name', { minLength: 1, maxLength: 32 }), value: item.optionalString('Value') ?? '' };
  });
}

/**
 * The app client may write only its write attributes. This is what keeps a
 * user from granting themselves `custom:role` or `custom:shopId`.
 */
export function assertClientMayWrite(writes: readonly AttributeWrite[]): void {
  if (writes.some((write) => !clientWritable.includes(write.name))) {
    throw notAuthorized('A client attempted to write unauthorized attribute');
  }
}

export function isClientReadable(name: string): boolean {
  return name === 'sub' || clientReadable.includes(name);
}

export const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const phonePattern = /^\+[0-9]{5,15}$/;

/** Checks names and values against the schema; the caller has already decided who may write what. */
export function validateAttributeWrites(writes: readonly AttributeWrite[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const { name, value } of writes) {
    const attribute = schemaAttribute(name);
    if (!attribute) {
      throw invalidParameter(`Attributes did not conform to the schema: Type for attribute {${name}} could not be determined`);
    }
    if (!attribute.mutable) throw invalidParameter(`Cannot modify the non-mutable attribute ${name}`);
    if (Object.hasOwn(values, name)) throw invalidParameter(`Attribute ${name} is given more than once`);
    if (attribute.dataType === 'Boolean' && value !== 'true' && value !== 'false') {
      throw invalidParameter(`Attributes did not conform to the schema: ${name}: Attribute does not have a valid boolean value`);
    }
    if (attribute.dataType === 'Number' && !/^[0-9]+$/.test(value)) {
      throw invalidParameter(`Attributes did not conform to the schema: ${name}: Attribute does not have a valid number value`);
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
