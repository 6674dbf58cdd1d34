// Jest global tear-down: the synthesized test stacks go with the run.
const { rmSync } = require('node:fs');

module.exports = async function removeTestStacks() {
  if (process.env.SHOP_TEST_STACKS) rmSync(process.env.SHOP_TEST_STACKS, { recursive: true, force: true });
};
