import type { IamRoleConfig } from '../deployment/model';
import { AssemblyError } from '../terraform/assembly-error';
import { awsManagedPolicies } from './aws-managed-policies';
import { evaluatePolicies, type Decision, type NamedPolicy } from './evaluate';
import type { RequestContextInput } from './context';
import type { PolicyDocument } from './policy';
import type { RequestPrincipal } from './principal';

/**
 * The IAM roles of the stacks: their trust policies (who may assume them) and
 * the identity-based policies attached to them (what their sessions may do).
 */
export class IamRoles {
  private readonly byName = new Map<string, IamRoleConfig>();
  private readonly byArn = new Map<string, IamRoleConfig>();

  constructor(
    roles: readonly IamRoleConfig[],
    private readonly customerManaged: ReadonlyArray<NamedPolicy & { arn: string }>,
  ) {
    for (const role of roles) {
      this.byName.set(role.name, role);
      this.byArn.set(role.arn, role);
    }
  }

  role(nameOrArn: string): IamRoleConfig | undefined {
    return this.byArn.get(nameOrArn) ?? this.byName.get(nameOrArn);
  }

  private managedDocument(arn: string): PolicyDocument | undefined {
    return awsManagedPolicies.get(arn) ?? this.customerManaged.find((policy) => policy.arn === arn)?.document;
  }

  /**
   * Stops the start if a role whose sessions the runtime will evaluate has a
   * managed policy attached whose text is not known here.
   */
  assertEvaluable(roleArn: string, why: string): void {
    const role = this.role(roleArn);
    if (!role) return;
    for (const attachment of role.managedPolicies) {
      if (!this.managedDocument(attachment.arn)) {
        throw new AssemblyError(
          `${attachment.address}: attaches ${attachment.arn} to ${role.name}, which ${why}; the offline runtime does not know that policy's text, so it cannot evaluate the role`,
        );
      }
    }
  }

  /** The identity-based policies of a role (inline, then managed); undefined for a role the stacks do not declare. */
  identityPolicies(roleName: string): NamedPolicy[] | undefined {
    const role = this.byName.get(roleName);
    if (!role) return undefined;
    return [
      ...role.inlinePolicies,
      ...role.managedPolicies.flatMap(({ arn }) => {
        const document = this.managedDocument(arn);
        return document ? [{ name: arn, document }] : [];
      }),
    ];
  }

  /** Whether a role's trust policy lets `principal` perform `action` (sts:AssumeRole*, sts:TagSession) on it. */
  trust(roleArn: string, request: { principal: RequestPrincipal; action: string; context: RequestContextInput }): Decision | undefined {
    const role = this.byArn.get(roleArn);
    if (!role) return undefined;
    return evaluatePolicies([{ name: `${role.name} trust policy`, document: role.trustPolicy }], {
      principal: request.principal,
      action: request.action,
      resource: role.arn,
      context: request.context,
    });
  }
}
