/**
 * IAM policy evaluation for the offline runtime, over the policy documents the
 * platform writes (platform/iam-policy.ts):
 *
 *   const decision = evaluatePolicies([{ name: 'shopOwner', document }], {
 *     action: 'execute-api:Invoke',
 *     resource: `${stageArn}/GET/shop/0001/orders`,
 *     context: { 'aws:PrincipalTag/shopId': '0001' },
 *   });
 *   log(decision.explanation);
 *
 * Policy variables whose key is absent from the context make their statement
 * inapplicable (they never become an empty string). Statements the evaluator
 * cannot understand fail closed; see evaluate.ts.
 */
export { describeStatement, evaluatePolicies } from './evaluate';
export { allowsForOtherResources, type NearMiss } from './near-misses';
export type { AuthorizationRequest, Decision, DecisionKind, NamedPolicy, StatementReference } from './evaluate';
export type { PrincipalType, RequestPrincipal } from './principal';
export type { ContextValue, RequestContextInput } from './context';
