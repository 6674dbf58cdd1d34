import { rmSync } from 'node:fs';
import { dirname } from 'node:path';

/** Jest global tear-down: the applied data directory (applied-data.ts) is removed, with every copy the suites started on. */
export default function removeAppliedData(): void {
  const root = process.env.SHOP_TEST_APPLIED_DATA;
  if (root) rmSync(dirname(root), { recursive: true, force: true });
}
