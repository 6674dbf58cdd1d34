import type { SchemaAttribute, UserPoolConfig } from '../deployment/model';

export type { AttributeDataType, SchemaAttribute } from '../deployment/model';

export function schemaAttribute(pool: UserPoolConfig, name: string): SchemaAttribute | undefined {
  return pool.schema.find((attribute) => attribute.name === name);
}

/** The DescribeUserPool shape of the schema. */
export function describeSchema(pool: UserPoolConfig): Record<string, unknown>[] {
  return pool.schema.map((attribute) => ({
    Name: attribute.name,
    AttributeDataType: attribute.dataType,
    DeveloperOnlyAttribute: false,
    Mutable: attribute.mutable,
    Required: attribute.required,
    ...(attribute.dataType === 'String'
      ? { StringAttributeConstraints: { MinLength: String(attribute.minLength ?? 0), MaxLength: String(attribute.maxLength ?? 2048) } }
      : {}),
    ...(attribute.dataType === 'Number'
      ? {
          NumberAttributeConstraints: {
            ...(attribute.minValue === undefined ? {} : { MinValue: String(attribute.minValue) }),
            ...(attribute.maxValue === undefined ? {} : { MaxValue: String(attribute.maxValue) }),
          },
        }
      : {}),
  }));
}

/** Required attributes a new user lacks, in schema order. */
export function missingRequiredAttributes(pool: UserPoolConfig, attributes: Readonly<Record<string, string>>): string[] {
  return pool.schema.filter((attribute) => attribute.required && attribute.name !== 'sub' && !attributes[attribute.name]).map((attribute) => attribute.name);
}
