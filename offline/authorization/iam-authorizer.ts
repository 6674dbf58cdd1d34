import { evaluatePolicies, type Decision } from '../iam';
import { principalContext, type RolePolicies, type RuntimePrincipal } from './principals';

export interface AuthorizationDecision {
  allowed: boolean;
  explicitDeny: boolean;
  explanation: string;
}

/** One line per decision: who, what, on which resource, and which statement decided. */
export type DecisionLog = (entry: { principal: string; action: string; resource: string; decision: string; explanation: string }) => void;

/** Evaluates a principal's policies for one action on one resource, and logs the decision. */
export class IamAuthorizer {
  constructor(
    private readonly policies: RolePolicies,
    private readonly accountId: string,
    private readonly log: DecisionLog,
  ) {}

  authorize(principal: RuntimePrincipal, action: string, resource: string): AuthorizationDecision {
    const attached = this.policies.policiesOf(principal);
    const decision: Decision | undefined =
      attached === undefined
        ? undefined
        : evaluatePolicies(attached, { action, resource, context: principalContext(principal, this.accountId) });
    const result: AuthorizationDecision = decision
      ? { allowed: decision.decision === 'Allow', explicitDeny: decision.decision === 'ExplicitDeny', explanation: decision.explanation }
      : { allowed: true, explicitDeny: false, explanation: `${principal.arn} is the account root: ${action} on ${resource} allowed` };
    this.log({
      principal: principal.arn,
      action,
      resource,
      decision: decision?.decision ?? 'Allow',
      explanation: result.explanation,
    });
    return result;
  }
}
