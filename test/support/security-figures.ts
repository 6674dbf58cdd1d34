import { appendFileSync } from 'node:fs';

/**
 * Figures the security suites report (e.g. how many fuzz cases ran). Printed,
 * and appended as JSON lines to $SECURITY_FIGURES_FILE when `npm run
 * security-report` collects them.
 */
export function recordFigure(name: string, value: number, detail?: string): void {
  console.log(`[security] ${name}: ${value}${detail ? ` (${detail})` : ''}`);
  const file = process.env.SECURITY_FIGURES_FILE;
  if (file) appendFileSync(file, `${JSON.stringify({ name, value, detail })}\n`);
}
