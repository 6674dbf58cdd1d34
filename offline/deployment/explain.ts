/**
 * What the offline runtime read from the stacks but does not emulate, and why:
 * whole resources (log groups, the API Gateway account setting) and single
 * arguments of emulated ones (X-Ray tracing, log formats). `npm start -- --explain`
 * prints it once; nothing here changes who may do what.
 */
export interface NotEmulated {
  /** `api: aws_cloudwatch_log_group.get-order_logs_E0C77FD7`, or a resource type for whole types. */
  subject: string;
  /** An argument of the resource, when only that argument is not emulated. */
  argument?: string;
  reason: string;
}

export class ExplainLog {
  private readonly entries: NotEmulated[] = [];

  add(entry: NotEmulated): void {
    this.entries.push(entry);
  }

  list(): readonly NotEmulated[] {
    return this.entries;
  }
}

/** The `--explain` text: not-emulated resource types, then arguments grouped by reason. */
export function renderExplanation(entries: readonly NotEmulated[]): string {
  const lines: string[] = [];
  const wholeResources = entries.filter((entry) => entry.argument === undefined);
  const byReason = new Map<string, string[]>();
  for (const entry of wholeResources) byReason.set(entry.reason, [...(byReason.get(entry.reason) ?? []), entry.subject]);
  lines.push('Resources not emulated offline (they change nothing about who may do what):');
  if (byReason.size === 0) lines.push('  (none)');
  for (const [reason, subjects] of byReason) {
    lines.push(`  ${reason}`);
    for (const subject of subjects) lines.push(`    - ${subject}`);
  }
  const argumentsByReason = new Map<string, string[]>();
  for (const entry of entries.filter((candidate) => candidate.argument !== undefined)) {
    const key = `${entry.argument}: ${entry.reason}`;
    argumentsByReason.set(key, [...(argumentsByReason.get(key) ?? []), entry.subject]);
  }
  lines.push('', 'Arguments read but not emulated:');
  if (argumentsByReason.size === 0) lines.push('  (none)');
  for (const [key, subjects] of argumentsByReason) {
    lines.push(`  ${key}`);
    lines.push(`    on ${subjects.length === 1 ? subjects[0] : `${subjects.length} resources: ${subjects.join(', ')}`}`);
  }
  return lines.join('\n');
}
