const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/** For element text (the only place values are written): `&`, `<` and `>` are all that need escaping there. */
export function escapeXmlText(text: string): string {
  return text.replace(/[&<>]/g, (character) => entities[character] ?? character);
}
