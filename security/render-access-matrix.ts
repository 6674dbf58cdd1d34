import { accessMatrix, matrixCells, matrixPrincipals, preflightMatrix, type Outcome } from './access-matrix';

const symbols: Record<Outcome, string> = { '2xx': '✔ 2xx', '401': '401', '403': '403', '404': '404', '—': '—' };

/** `docs/access-matrix.md`, rendered from the matrix data. */
export function renderAccessMatrix(): string {
  const header = `| Request | ${matrixPrincipals.map((principal) => principal.label).join(' | ')} |`;
  const rule = `|---|${matrixPrincipals.map(() => '---').join('|')}|`;
  const rows = [...accessMatrix, ...preflightMatrix].map(
    (request) => `| ${request.label} | ${matrixPrincipals.map(({ key }) => symbols[request.expected[key]]).join(' | ')} |`,
  );
  const callers = matrixPrincipals.map((principal) => `- **${principal.label}**: ${principal.description}.`);
  return [
    '# Access matrix',
    '',
    '<!-- Generated from security/access-matrix.ts by `npm run access-matrix`; `npm test` fails if this file differs. -->',
    '',
    `What each caller gets for each request to the API (${matrixCells().length} cells). Every cell is checked`,
    'against the offline platform by `test/security/access-matrix.test.ts` with real credentials and',
    'SigV4-signed requests; this page is rendered from the same data.',
    '',
    header,
    rule,
    ...rows,
    '',
    '## Callers',
    '',
    ...callers,
    '',
    '## Reading the cells',
    '',
    '- **✔ 2xx**: allowed (200, or 201 for a new order).',
    "- **401**: the shop token is not this shop's current one (or the previous one within the grace window).",
    '- **403**: refused before any Lambda runs: no signature (`Missing Authentication Token`) or an IAM',
    '  denial (`User: … is not authorized to perform: execute-api:Invoke on resource: …`).',
    '- **404**: nothing this caller may see has this id. An order of someone else answers exactly as an',
    '  order that does not exist.',
    '- **—**: does not apply (the caller cannot place orders, so has none of its own; a browser never',
    '  signs a preflight).',
    '- **OPTIONS … (preflight)**: a browser asking, from the web app\'s origin (`SHOP_WEB_ORIGIN`), whether it',
    '  may make the call: answered by API Gateway itself (a mock integration, no authorization), naming',
    '  that one origin and the path\'s methods. Without `SHOP_WEB_ORIGIN` there is no preflight and no',
    '  browser on another origin may call the API.',
    '',
  ].join('\n');
}
