import { spreadsheetSafe } from '../../../lambdas/domain/spreadsheet-safe';

describe('spreadsheetSafe', () => {
  it.each([
    ['Anna Muster', 'Anna Muster'],
    ['<script>alert(1)</script>', '<script>alert(1)</script>'],
    ['=1+1', "'=1+1"],
    ['+41 79', "'+41 79"],
    ['-2', "'-2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['Anna\u202Eexe.txt', 'Anna\uFFFDexe.txt'],
    ['a\u0000b\u001Fc\u007Fd\u0085e', 'a\uFFFDb\uFFFDc\uFFFDd\uFFFDe'],
    ['\u2066=cmd\u2069', '\uFFFD=cmd\uFFFD'],
    ['\u200F=cmd', '\uFFFD=cmd'],
    ['Zoë 👩‍💻', 'Zoë 👩‍💻'],
  ])('%j → %j', (input, shown) => {
    expect(spreadsheetSafe(input)).toBe(shown);
  });
});
