import { rmSync } from 'node:fs';
import { dirname } from 'node:path';

/** Jest global tear-down: the applied data directory the suites copied from (applied-data.ts) is removed. */
export default function removeAppliedData(): void {
  const root = process.env.SHOP_TEST_APPLIED_DATA;
  if (root) rmSync(dirname(root), { recursive: true, force: true });
}
