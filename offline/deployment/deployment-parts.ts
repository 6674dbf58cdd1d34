import type { NamedPolicy } from '../iam';
import type {
  DeclaredUser,
  FunctionConfig,
  FunctionPermission,
  IamRoleConfig,
  IdentityPoolConfig,
  InvocationConfig,
  RestApiConfig,
  RoleMapping,
  SecretConfig,
  StaticSiteFile,
  TableConfig,
  TableItemConfig,
  Throttle,
  UserPoolClientConfig,
  UserPoolConfig,
  WebAclConfig,
} from './model';

/**
 * What each resource contributes, as read, before resources that refer to one
 * another by name or id (a policy to its role, a permission to its function)
 * are put together into the deployment.
 */
export interface DeploymentParts {
  userPools: UserPoolConfig[];
  userPoolClients: UserPoolClientConfig[];
  users: DeclaredUser[];
  identityPools: Array<Omit<IdentityPoolConfig, 'principalTags' | 'roles' | 'roleMappings'>>;
  principalTags: Array<{ address: string; identityPoolId: string; providerName: string; tags: Record<string, string> }>;
  identityPoolRoles: Array<{
    address: string;
    identityPoolId: string;
    roles: { authenticated?: string; unauthenticated?: string };
    roleMappings: RoleMapping[];
  }>;
  roles: IamRoleConfig[];
  rolePolicies: Array<{ address: string; roleName: string; policy: NamedPolicy }>;
  rolePolicyAttachments: Array<{ address: string; roleName: string; policyArn: string }>;
  customerManagedPolicies: Array<{ address: string; arn: string; policy: NamedPolicy }>;
  secrets: SecretConfig[];
  staticSite: StaticSiteFile[];
  functions: FunctionConfig[];
  /** `functionName` may be the function's name or ARN, as Terraform accepts either. */
  permissions: Array<{ functionName: string; permission: FunctionPermission }>;
  invocations: InvocationConfig[];
  tables: TableConfig[];
  tableItems: Array<TableItemConfig & { hashKey: string; rangeKey?: string }>;
  restApis: RestApiConfig[];
  apiDeployments: Array<{ address: string; id: string; restApiId: string }>;
  stages: Array<{ address: string; restApiId: string; deploymentId: string; name: string; variables: Record<string, string> }>;
  methodSettings: Array<{ address: string; restApiId: string; stageName: string; methodPath: string; throttle: Partial<Throttle> }>;
  eventRules: Array<{ address: string; name: string; arn: string; intervalMs: number; enabled: boolean }>;
  eventTargets: Array<{ address: string; ruleName: string; functionArn: string; input?: string }>;
  webAcls: WebAclConfig[];
  webAclAssociations: Array<{ address: string; resourceArn: string; webAclArn: string }>;
}

export function emptyParts(): DeploymentParts {
  return {
    userPools: [],
    userPoolClients: [],
    users: [],
    identityPools: [],
    principalTags: [],
    identityPoolRoles: [],
    roles: [],
    rolePolicies: [],
    rolePolicyAttachments: [],
    customerManagedPolicies: [],
    secrets: [],
    staticSite: [],
    functions: [],
    permissions: [],
    invocations: [],
    tables: [],
    tableItems: [],
    restApis: [],
    apiDeployments: [],
    stages: [],
    methodSettings: [],
    eventRules: [],
    eventTargets: [],
    webAcls: [],
    webAclAssociations: [],
  };
}
