import { userPool } from '../../platform/user-pool';

export type AttributeDataType = 'String' | 'Boolean' | 'Number';

export interface SchemaAttribute {
  name: string;
  dataType: AttributeDataType;
  mutable: boolean;
  required: boolean;
  minLength?: number;
  maxLength?: number;
}

const string = (name: string, maxLength = 2048, minLength = 0): SchemaAttribute => ({
  name,
  dataType: 'String',
  mutable: true,
  required: false,
  minLength,
  maxLength,
});

/** The standard attributes every Cognito pool has, plus the pool's custom ones. */
export const schemaAttributes: readonly SchemaAttribute[] = [
  { name: 'sub', dataType: 'String', mutable: false, required: true, minLength: 1, maxLength: 2048 },
  string('name'),
  string('given_name'),
  string('family_name'),
  string('middle_name'),
  string('nickname'),
  string('preferred_username'),
  string('profile'),
  string('picture'),
  string('website'),
  string('email'),
  { name: 'email_verified', dataType: 'Boolean', mutable: true, required: false },
  string('gender'),
  string('birthdate', 10, 10),
  string('zoneinfo'),
  string('locale'),
  string('phone_number'),
  { name: 'phone_number_verified', dataType: 'Boolean', mutable: true, required: false },
  string('address'),
  { name: 'updated_at', dataType: 'Number', mutable: true, required: false },
  ...userPool.customAttributes.map((attribute) => string(`custom:${attribute.name}`, attribute.maxLength, attribute.minLength)),
];

export function schemaAttribute(name: string): SchemaAttribute | undefined {
  return schemaAttributes.find((attribute) => attribute.name === name);
}

/** The DescribeUserPool shape of the schema. */
export function describeSchema(): Record<string, unknown>[] {
  return schemaAttributes.map((attribute) => ({
    Name: attribute.name,
    AttributeDataType: attribute.dataType,
    DeveloperOnlyAttribute: false,
    Mutable: attribute.mutable,
    Required: attribute.required,
    ...(attribute.dataType === 'String'
      ? { StringAttributeConstraints: { MinLength: String(attribute.minLength ?? 0), MaxLength: String(attribute.maxLength ?? 2048) } }
      : {}),
    ...(attribute.dataType === 'Number' ? { NumberAttributeConstraints: { MinValue: '0' } } : {}),
  }));
}
