/**
 * The synthesized stacks ask for something the offline runtime cannot run as
 * AWS would. The message names the stack, the resource and the attribute, so
 * the start can be refused with a reason the user can act on.
 */
export class AssemblyError extends Error {
  override readonly name = 'AssemblyError';
}

/** `api: aws_lambda_function.get-order_function_4C43515D`, the way messages name a resource. */
export function describeAddress(stack: string, type: string, name: string): string {
  return `${stack}: ${type}.${name}`;
}
