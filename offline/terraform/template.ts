/**
 * Terraform's string templates, as the JSON configuration syntax writes them:
 * `${...}` interpolates an expression, `$${` is a literal `${` and `%%{` a
 * literal `%{`. The offline runtime evaluates only references (`a.b.c`); a
 * function call or any other expression is kept as text and refused if
 * something ever needs its value.
 */
export type Expression =
  | { kind: 'reference'; path: string[]; text: string }
  | { kind: 'call'; name: string; text: string }
  | { kind: 'unsupported'; text: string };

export type TemplatePart = { kind: 'text'; text: string } | { kind: 'interpolation'; expression: Expression };

export class TemplateSyntaxError extends Error {
  override readonly name = 'TemplateSyntaxError';
}

const identifier = /^[A-Za-z_][A-Za-z0-9_-]*$/;

function parseExpression(text: string): Expression {
  const trimmed = text.trim();
  const call = /^([A-Za-z_][A-Za-z0-9_]*)\s*\(/.exec(trimmed);
  if (call) return { kind: 'call', name: call[1], text: trimmed };
  const path: string[] = [];
  for (const piece of trimmed.split('.')) {
    // `list[0]` and `list.0` both index a list.
    const indexed = /^([^[\]]+)((?:\[\d+\])*)$/.exec(piece);
    if (!indexed || (!identifier.test(indexed[1]) && !/^\d+$/.test(indexed[1]))) return { kind: 'unsupported', text: trimmed };
    path.push(indexed[1]);
    for (const index of indexed[2].matchAll(/\[(\d+)\]/g)) path.push(index[1]);
  }
  if (path.length === 0 || !identifier.test(path[0])) return { kind: 'unsupported', text: trimmed };
  return { kind: 'reference', path, text: trimmed };
}

/** Where the `}` closing the interpolation that starts at `start` (its `$`) is. */
function closingBrace(template: string, start: number): number {
  const open: string[] = [];
  let quote = false;
  for (let index = start + 2; index < template.length; index += 1) {
    const character = template[index];
    if (quote) {
      if (character === '\\') index += 1;
      else if (character === '"') quote = false;
      continue;
    }
    if (character === '"') quote = true;
    else if (character === '{' || character === '(' || character === '[') open.push(character);
    else if (character === '}' && open.length === 0) return index;
    else if (character === '}' || character === ')' || character === ']') open.pop();
  }
  throw new TemplateSyntaxError(`unterminated interpolation in ${JSON.stringify(template)}`);
}

export function parseTemplate(template: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let text = '';
  let index = 0;
  while (index < template.length) {
    if (template.startsWith('$${', index)) {
      text += '${';
      index += 3;
    } else if (template.startsWith('%%{', index)) {
      text += '%{';
      index += 3;
    } else if (template.startsWith('%{', index)) {
      throw new TemplateSyntaxError(`template directives (%{...}) are not evaluated offline: ${JSON.stringify(template)}`);
    } else if (template.startsWith('${', index)) {
      const end = closingBrace(template, index);
      const inner = template.slice(index + 2, end);
      if (inner.startsWith('~') || inner.endsWith('~')) {
        throw new TemplateSyntaxError(`whitespace strip markers are not evaluated offline: ${JSON.stringify(template)}`);
      }
      if (text !== '') parts.push({ kind: 'text', text });
      text = '';
      parts.push({ kind: 'interpolation', expression: parseExpression(inner) });
      index = end + 1;
    } else {
      text += template[index];
      index += 1;
    }
  }
  if (text !== '') parts.push({ kind: 'text', text });
  return parts;
}

/** Whether a string holds anything other than literal text. */
export function isLiteral(template: string): boolean {
  return parseTemplate(template).every((part) => part.kind === 'text');
}
