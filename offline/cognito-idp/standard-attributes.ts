import type { SchemaAttribute } from '../deployment/model';

const string = (name: string, maxLength = 2048, minLength = 0): SchemaAttribute => ({
  name,
  dataType: 'String',
  mutable: true,
  required: false,
  minLength,
  maxLength,
});

/** The attributes every Cognito user pool has before its own schema changes or adds any. */
export const standardAttributes: readonly SchemaAttribute[] = [
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
  { name: 'updated_at', dataType: 'Number', mutable: true, required: false, minValue: 0 },
];

export function isStandardAttribute(name: string): boolean {
  return standardAttributes.some((attribute) => attribute.name === name);
}

/** `role` as Terraform's aws_cognito_user names a custom attribute is `custom:role` everywhere else. */
export function fullAttributeName(name: string): string {
  return isStandardAttribute(name) || name.startsWith('custom:') || name.startsWith('dev:') ? name : `custom:${name}`;
}
