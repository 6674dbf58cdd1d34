/** SigV4's ISO-8601 "basic format" timestamps, e.g. `20240131T235959Z`. */

const AMZ_DATE_SHAPE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

export function formatAmzDate(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}

/**
 * Parses an X-Amz-Date value. Out-of-range fields (month 13, 25 o'clock) would
 * silently roll over in `Date.UTC`, so the result must format back to the
 * very same text.
 */
export function parseAmzDate(text: string): Date | undefined {
  const fields = AMZ_DATE_SHAPE.exec(text);
  if (!fields) return undefined;
  const [year, month, day, hour, minute, second] = fields.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  return formatAmzDate(date) === text ? date : undefined;
}

export const SCOPE_DATE_SHAPE = /^\d{8}$/;

export function addMinutes(date: Date, minutes: number): Date {
  return new Date(date.getTime() + minutes * 60_000);
}
