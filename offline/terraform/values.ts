/** A value of Terraform's JSON configuration syntax, once its templates are resolved. */
export type TerraformValue = string | number | boolean | null | TerraformValue[] | { [key: string]: TerraformValue };

export type TerraformObject = { [key: string]: TerraformValue };

export function isTerraformObject(value: unknown): value is TerraformObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** JSON parsed from a file is a TerraformValue once checked structurally; this is that check. */
export function asTerraformValue(value: unknown, where: string): TerraformValue {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`${where} is not a finite number`);
    return value;
  }
  if (Array.isArray(value)) return value.map((item, index) => asTerraformValue(item, `${where}[${index}]`));
  if (typeof value === 'object') {
    const result: TerraformObject = {};
    for (const [key, item] of Object.entries(value)) result[key] = asTerraformValue(item, `${where}.${key}`);
    return result;
  }
  throw new TypeError(`${where} is not a JSON value`);
}

/** For messages: a value, shortened. */
export function describeValue(value: TerraformValue | undefined): string {
  const text = JSON.stringify(value) ?? 'undefined';
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
