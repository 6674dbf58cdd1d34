/**
 * What a customer may call themselves on an order. Owners read names in their own
 * tools and spreadsheets, so a name must look like what it is: no control
 * characters (C0, DEL, C1), bidirectional marks, embeddings, overrides or isolates,
 * line or paragraph separators or byte-order mark, and it must not start like a
 * spreadsheet formula. The OpenAPI schema's `CustomerName.pattern` is this pattern
 * (a test keeps the two equal).
 */
export const customerNameForbiddenCharacters = '\\x00-\\x1F\\x7F-\\x9F\\u061C\\u200E\\u200F\\u2028-\\u202E\\u2066-\\u2069\\uFEFF';

/** Characters a spreadsheet takes as the start of a formula (OWASP's CSV injection list, less tab and CR, which are controls). */
export const formulaStartCharacters = '=+@-';

export const customerNamePattern = `^(?![${formulaStartCharacters}])[^${customerNameForbiddenCharacters}]+$`;
