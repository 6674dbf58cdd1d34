/**
 * Customers' names and phone numbers must never reach a log. Every logged
 * object passes through here: the values of these keys are replaced at any
 * depth, and anything shaped like a phone number is replaced wherever it is.
 */
const personalKeys = new Set(['name', 'phonenumber', 'customername', 'phone', 'phone_number']);
const phoneNumberShape = /\+[1-9][0-9]{6,14}/g;
export const maskedValue = '***';

export function maskPersonalData(value: unknown, ancestors: object[] = []): unknown {
  if (typeof value === 'string') return value.replace(phoneNumberShape, maskedValue);
  // Errors are formatted by the logger itself; their messages never carry customer data.
  if (value === null || typeof value !== 'object' || value instanceof Error || value instanceof Date) return value;
  // Only a true cycle stops the walk: an object met twice elsewhere is masked both times.
  if (ancestors.includes(value)) return '[Circular]';
  const path = [...ancestors, value];
  if (Array.isArray(value)) return value.map((entry) => maskPersonalData(entry, path));
  return Object.fromEntries(
    Object.entries(value).map(([key, entry]) => [
      key,
      personalKeys.has(key.toLowerCase()) && entry !== undefined && entry !== null ? maskedValue : maskPersonalData(entry, path),
    ]),
  );
}
