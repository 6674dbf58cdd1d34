/**
 * What the offline platform knows that the synthesized stacks cannot say,
 * because AWS decides it: the account, its administrator keys, and how a
 * function in a local sandbox reaches the emulated services. Written down
 * here and nowhere else.
 */
export const localAccount = {
  /** The one account the offline runtime emulates, as every local AWS emulator numbers it. */
  accountId: '000000000000',
  /** The account's administrator (root) keys unless SHOP_ROOT_* say otherwise. */
  defaultRootCredentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  defaultHost: '127.0.0.1',
  defaultPort: 4747,
};

/**
 * Environment a sandbox gets besides the function's own and what Lambda sets:
 * the SDK clients talk to the local endpoint, and nothing waits for X-Ray.
 */
export function sandboxEnvironment(endpoint: string): Record<string, string> {
  return {
    AWS_ENDPOINT_URL: endpoint,
    // There is no X-Ray daemon offline.
    POWERTOOLS_TRACE_ENABLED: 'false',
    // Lambda runs Node.js 22; the SDK's warning would be about this machine's Node.js, not the function's.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
}
