import { allowsForOtherResources, describeStatement, type AuthorizationRequest, type Decision, type NamedPolicy, type NearMiss } from '../iam';

/**
 * The log line for an implicit denial, written for the developer whose call
 * was refused: what no statement allows, and what the caller's role (or
 * session) does allow for that action, with its policy variables filled in
 * from this caller, so the gap between the two is plain to see.
 */

export interface ImplicitDenial {
  principalArn: string;
  roleName: string;
  request: AuthorizationRequest;
  identityPolicies: readonly NamedPolicy[];
  identityDecision: Decision;
  /** Present when the session carries policies of its own (guests of the enhanced flow). */
  session?: { policies: readonly NamedPolicy[]; decision: Decision };
}

/**
 * The part of an ARN that names its service, account and top resource
 * (`arn:aws:execute-api:<region>:<account>:<api-id>/`): where a listed
 * resource shares it with the denied one, it is shown as `…/`, which keeps
 * the line short and the difference visible.
 */
function arnHead(arn: string): string | undefined {
  const match = /^(arn:[^:]*:[^:]*:[^:]*:[^:]*:[^/]*\/)/.exec(arn);
  return match?.[1];
}

function shortened(resource: string, head: string | undefined): string {
  return head !== undefined && resource.startsWith(head) ? `…/${resource.slice(head.length)}` : resource;
}

function describeMisses(misses: readonly NearMiss[], deniedResource: string): string {
  const head = arnHead(deniedResource);
  return misses
    .map((miss) => {
      const statement = miss.statement.sid === undefined ? describeStatement(miss.statement) : `Sid ${JSON.stringify(miss.statement.sid)}`;
      const unmet = miss.missed === 'condition' ? ', its condition not met' : '';
      const resources = miss.resources.map((resource) => shortened(resource, head)).join(', ');
      return `${resources} (${statement}${unmet})`;
    })
    .join('; ');
}

function problemsOf(decisions: readonly Decision[]): string {
  const problems = decisions.flatMap((decision) => decision.problems);
  return problems.length === 0 ? '' : ` [${problems.length} statement(s) not understood: ${problems.join(' | ')}]`;
}

export function explainImplicitDenial(denial: ImplicitDenial): string {
  const { action, resource } = denial.request;
  const head = `ImplicitDeny: ${denial.principalArn}`;
  const decisions = [denial.identityDecision, ...(denial.session ? [denial.session.decision] : [])];
  if (denial.identityDecision.decision === 'Allow' && denial.session) {
    const allowedBy = denial.identityDecision.matched ? ` (${describeStatement(denial.identityDecision.matched)})` : '';
    const sessionMisses = allowsForOtherResources(denial.session.policies, denial.request);
    const elsewhere = sessionMisses.length === 0 ? `they allow no ${action}` : `they allow it on ${describeMisses(sessionMisses, resource)}`;
    return `${head}: role ${denial.roleName} allows ${action} on ${resource}${allowedBy}, but no session policy does; ${elsewhere}${problemsOf(decisions)}`;
  }
  const misses = allowsForOtherResources(denial.identityPolicies, denial.request);
  const role =
    misses.length === 0
      ? `role ${denial.roleName} has no statement allowing ${action}`
      : `role ${denial.roleName} has statements allowing it on ${describeMisses(misses, resource)}`;
  return `${head}: no statement allows ${action} on ${resource}; ${role}${problemsOf(decisions)}`;
}
