import type { PolicyDocument } from './policy';
import { RequestContext, type RequestContextInput } from './context';
import { describePrincipal, type RequestPrincipal } from './principal';
import { statementApplies } from './statement';
import { isUndetermined } from './verdict';

/**
 * IAM's decision over a set of policies: an explicit Deny in any of them wins,
 * otherwise an Allow allows, otherwise the request is implicitly denied.
 *
 * A statement the evaluator cannot understand (unknown condition operator,
 * malformed element) fails closed: it never allows, and if it is a Deny that
 * could apply, it denies. Either way it is listed in `problems`.
 */

export interface NamedPolicy {
  name: string;
  document: PolicyDocument;
}

export interface AuthorizationRequest {
  /** Needed only for resource-based and trust policies (statements with Principal/NotPrincipal). */
  principal?: RequestPrincipal;
  action: string;
  resource: string;
  context: RequestContextInput;
}

export interface StatementReference {
  policyName: string;
  statementIndex: number;
  sid?: string;
}

export type DecisionKind = 'Allow' | 'ExplicitDeny' | 'ImplicitDeny';

export interface Decision {
  decision: DecisionKind;
  /** The deciding statement: the first applicable Deny, else the first applicable Allow. */
  matched?: StatementReference;
  /** One line for the log: principal, action, resource and the deciding statement. */
  explanation: string;
  /** Statements that could not be evaluated, with what was done about them. */
  problems: string[];
}

function reference(policyName: string, statementIndex: number, sid: string | undefined): StatementReference {
  return sid === undefined ? { policyName, statementIndex } : { policyName, statementIndex, sid };
}

export function describeStatement(statement: StatementReference): string {
  const sid = statement.sid === undefined ? '' : ` (Sid ${JSON.stringify(statement.sid)})`;
  return `policy ${JSON.stringify(statement.policyName)} statement #${statement.statementIndex}${sid}`;
}

function describeRequester(request: AuthorizationRequest, context: RequestContext): string {
  if (request.principal) return describePrincipal(request.principal);
  const principalArn = context.get('aws:PrincipalArn');
  return typeof principalArn === 'string' ? principalArn : '(unspecified)';
}

export function evaluatePolicies(policies: readonly NamedPolicy[], request: AuthorizationRequest): Decision {
  const context = new RequestContext(request.context);
  const problems: string[] = [];
  let firstDeny: StatementReference | undefined;
  let firstAllow: StatementReference | undefined;
  let statementCount = 0;

  for (const policy of policies) {
    const statements = Array.isArray(policy.document.Statement) ? policy.document.Statement : [];
    if (!Array.isArray(policy.document.Statement)) problems.push(`policy ${JSON.stringify(policy.name)} has no Statement list`);
    statements.forEach((statement, index) => {
      statementCount += 1;
      const ref = reference(policy.name, index, statement.Sid);
      const verdict = statementApplies(statement, { ...request, context });
      if (isUndetermined(verdict)) {
        const isDeny = statement.Effect === 'Deny';
        problems.push(
          `${describeStatement(ref)}: ${verdict.problem}; ${isDeny ? 'treated as a matching Deny' : 'ignored (it cannot allow)'}`,
        );
        if (isDeny) firstDeny ??= ref;
        return;
      }
      if (!verdict) return;
      if (statement.Effect === 'Deny') firstDeny ??= ref;
      else firstAllow ??= ref;
    });
  }

  const subject =
    `principal ${JSON.stringify(describeRequester(request, context))} ` +
    `action ${JSON.stringify(request.action)} resource ${JSON.stringify(request.resource)}`;
  const problemNote = problems.length === 0 ? '' : ` [${problems.length} problem(s): ${problems.join(' | ')}]`;
  if (firstDeny) {
    return {
      decision: 'ExplicitDeny',
      matched: firstDeny,
      explanation: `ExplicitDeny: ${subject}: denied by ${describeStatement(firstDeny)}${problemNote}`,
      problems,
    };
  }
  if (firstAllow) {
    return {
      decision: 'Allow',
      matched: firstAllow,
      explanation: `Allow: ${subject}: allowed by ${describeStatement(firstAllow)}${problemNote}`,
      problems,
    };
  }
  return {
    decision: 'ImplicitDeny',
    explanation: `ImplicitDeny: ${subject}: no statement matched (${statementCount} statement(s) in ${policies.length} policy(ies))${problemNote}`,
    problems,
  };
}
