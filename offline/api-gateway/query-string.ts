/** A raw query string as API Gateway reads it: every value of every name, percent-decoded. */
export function parseQueryString(rawQuery: string): Map<string, string[]> {
  const parameters = new Map<string, string[]>();
  for (const pair of rawQuery.split('&')) {
    if (pair === '') continue;
    const separator = pair.indexOf('=');
    const name = decodeLeniently(separator === -1 ? pair : pair.slice(0, separator));
    const value = separator === -1 ? '' : decodeLeniently(pair.slice(separator + 1));
    parameters.set(name, [...(parameters.get(name) ?? []), value]);
  }
  return parameters;
}

function decodeLeniently(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
