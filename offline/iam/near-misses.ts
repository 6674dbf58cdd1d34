import { RequestContext } from './context';
import type { AuthorizationRequest, NamedPolicy, StatementReference } from './evaluate';
import { firstMismatch, resourcesAsSeenBy } from './statement';

/**
 * For a denied request, the Allow statements that grant its action elsewhere:
 * the resources they cover for this caller, or the condition they need. This
 * is what a developer reads to see why a call was refused ("the role may
 * invoke …/shop/0002, not …/shop/0001").
 */

export interface NearMiss {
  statement: StatementReference;
  /** Its resources as they read for this caller (policy variables filled in). */
  resources: string[];
  /** Why it did not allow this request: another resource, or an unmet condition. */
  missed: 'resource' | 'condition';
}

export function allowsForOtherResources(policies: readonly NamedPolicy[], request: AuthorizationRequest): NearMiss[] {
  const context = new RequestContext(request.context);
  const misses: NearMiss[] = [];
  for (const policy of policies) {
    const statements = Array.isArray(policy.document.Statement) ? policy.document.Statement : [];
    statements.forEach((statement, statementIndex) => {
      if (statement.Effect !== 'Allow') return;
      const missed = firstMismatch(statement, { ...request, context });
      if (missed !== 'resource' && missed !== 'condition') return;
      const reference: StatementReference =
        statement.Sid === undefined ? { policyName: policy.name, statementIndex } : { policyName: policy.name, statementIndex, sid: statement.Sid };
      misses.push({ statement: reference, resources: resourcesAsSeenBy(statement, context), missed });
    });
  }
  return misses;
}
