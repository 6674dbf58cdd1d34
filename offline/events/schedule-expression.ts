/**
 * EventBridge schedule expressions the offline scheduler runs: `rate(1 hour)`,
 * `rate(30 minutes)`, `rate(2 days)`. EventBridge wants the singular unit for
 * 1 and the plural for anything else; so does this parser.
 */
export function rateIntervalMs(expression: string): number | undefined {
  const match = /^rate\(([1-9][0-9]*) (minute|hour|day)(s?)\)$/.exec(expression);
  if (!match || (match[1] === '1') !== (match[3] === '')) return undefined;
  const unitMs: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };
  return Number(match[1]) * unitMs[match[2]];
}
