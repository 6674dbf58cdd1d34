import { evaluatePolicies, type Decision, type NamedPolicy, type RequestContextInput } from '../iam';
import type { IamRoles } from '../iam/roles';
import { explainImplicitDenial } from './denial-explanation';
import { principalContext, type RuntimePrincipal } from './principals';

export interface AuthorizationDecision {
  allowed: boolean;
  explicitDeny: boolean;
  /** Which kind of policy refused, for AWS's wording of the denial. */
  deniedBy?: 'identity-based policy' | 'session policy';
  explanation: string;
}

/** One line per decision: who, what, on which resource, and which statement decided. */
export type DecisionLog = (entry: { principal: string; action: string; resource: string; decision: string; explanation: string }) => void;

/** Decisions remembered at most; past that the memo starts again (a platform's callers and calls are few). */
const rememberedDecisions = 10_000;

/**
 * IAM's decision for a principal's call: the role's identity-based policies
 * must allow it, and so must the session's policies if it has any (guests of
 * the enhanced flow); an explicit deny in either wins. Root may do anything.
 *
 * A decision depends only on the role's and the session's policies (fixed for
 * the authorizer's life: a reset assembles a new one), the principal's condition
 * keys, the action and the resource, so it is remembered under exactly those:
 * a function's every call of the same DynamoDB action on the same table is
 * evaluated once. Every call is still decided and logged.
 */
export class IamAuthorizer {
  private readonly decisions = new Map<string, AuthorizationDecision>();

  constructor(
    private readonly roles: IamRoles,
    private readonly sessionPolicySets: ReadonlyMap<string, NamedPolicy[]>,
    private readonly accountId: string,
    private readonly log: DecisionLog,
  ) {}

  authorize(principal: RuntimePrincipal, action: string, resource: string): AuthorizationDecision {
    const result = this.remembered(principal, action, resource);
    this.log({
      principal: principal.arn,
      action,
      resource,
      decision: result.allowed ? 'Allow' : result.explicitDeny ? 'ExplicitDeny' : 'ImplicitDeny',
      explanation: result.explanation,
    });
    return result;
  }

  private remembered(principal: RuntimePrincipal, action: string, resource: string): AuthorizationDecision {
    const context = principalContext(this.roles, principal, this.accountId);
    const roleName = principal.kind === 'root' ? undefined : principal.roleName;
    const sessionPolicySet = principal.kind === 'assumed-role' ? principal.sessionPolicySet : undefined;
    const key = JSON.stringify([principal.kind, principal.arn, roleName, sessionPolicySet, context, action, resource]);
    const known = this.decisions.get(key);
    if (known) return known;
    const decision = this.decide(principal, action, resource, context);
    if (this.decisions.size >= rememberedDecisions) this.decisions.clear();
    this.decisions.set(key, Object.freeze(decision));
    return decision;
  }

  private decide(principal: RuntimePrincipal, action: string, resource: string, context: RequestContextInput): AuthorizationDecision {
    if (principal.kind === 'root') {
      return { allowed: true, explicitDeny: false, explanation: `Allow: ${principal.arn} is the account root: ${action} on ${resource}` };
    }
    const identity = this.roles.identityPolicies(principal.roleName) ?? [];
    const request = { action, resource, context };
    const identityDecision = evaluatePolicies(identity, request);
    const setName = principal.kind === 'assumed-role' ? principal.sessionPolicySet : undefined;
    const sessionPolicies = setName === undefined ? undefined : this.sessionPolicySets.get(setName);
    if (setName !== undefined && sessionPolicies === undefined) {
      return { allowed: false, explicitDeny: false, deniedBy: 'session policy', explanation: `ImplicitDeny: unknown session policy set ${setName}` };
    }
    const sessionDecision: Decision | undefined = sessionPolicies && evaluatePolicies(sessionPolicies, request);
    const decisions = [identityDecision, ...(sessionDecision ? [sessionDecision] : [])];
    const explanation = decisions.map((decision) => decision.explanation).join(' | session policies: ');
    if (decisions.some((decision) => decision.decision === 'ExplicitDeny')) {
      const deniedBy = identityDecision.decision === 'ExplicitDeny' ? 'identity-based policy' : 'session policy';
      return { allowed: false, explicitDeny: true, deniedBy, explanation };
    }
    const identityAllows = identityDecision.decision === 'Allow';
    if (!identityAllows || (sessionDecision && sessionDecision.decision !== 'Allow')) {
      const implicitDenial = explainImplicitDenial({
        principalArn: principal.arn,
        roleName: principal.roleName,
        request,
        identityPolicies: identity,
        identityDecision,
        session: sessionPolicies && sessionDecision && { policies: sessionPolicies, decision: sessionDecision },
      });
      return { allowed: false, explicitDeny: false, deniedBy: identityAllows ? 'session policy' : 'identity-based policy', explanation: implicitDenial };
    }
    return { allowed: true, explicitDeny: false, explanation };
  }
}
