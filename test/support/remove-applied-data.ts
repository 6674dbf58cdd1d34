import { rmSync } from 'node:fs';
import { dirname } from 'node:path';

/** Jest global tear-down: the run's directory (global-setup.ts) is removed: the applied data (applied-data.ts), every copy the suites started on, the AWS CLI link, the run's temporary files. */
export default function removeAppliedData(): void {
  const root = process.env.SHOP_TEST_APPLIED_DATA;
  if (root) rmSync(dirname(root), { recursive: true, force: true });
}
