import { customerNameForbiddenCharacters, formulaStartCharacters } from '../../platform/customer-name';

const forbidden = new RegExp(`[${customerNameForbiddenCharacters}]`, 'gu');
const formulaStart = new RegExp(`^[${formulaStartCharacters}]`, 'u');

/**
 * Text a customer wrote, made safe to show a shop owner whose tools may paste it
 * into a spreadsheet. New names are already refused by the schema; this covers
 * names stored before it was strict: forbidden characters become U+FFFD, and a
 * leading formula character is quoted with an apostrophe, as spreadsheets expect.
 */
export function spreadsheetSafe(text: string): string {
  const visible = text.replace(forbidden, '\uFFFD');
  return formulaStart.test(visible) ? `'${visible}` : visible;
}
