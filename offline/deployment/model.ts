import type { ApiDocument } from '../../openapi/document';
import type { NamedPolicy } from '../iam';
import type { PolicyDocument } from '../iam/policy';
import type { TerraformValue } from '../terraform/values';
import type { NotEmulated } from './explain';

/**
 * The platform as the synthesized stacks declare it, in the terms the offline
 * services run: every value read from Terraform (and resolved), every id and
 * ARN generated for this data directory. Nothing here comes from `platform/`.
 */
export interface LocalAccountFacts {
  accountId: string;
  region: string;
  /** The runtime's own URL, where every emulated service answers. */
  endpoint: string;
}

export type AttributeDataType = 'String' | 'Number' | 'Boolean' | 'DateTime';

export interface SchemaAttribute {
  /** Full name: `email`, `custom:role`. */
  name: string;
  dataType: AttributeDataType;
  mutable: boolean;
  required: boolean;
  minLength?: number;
  maxLength?: number;
  minValue?: number;
  maxValue?: number;
}

export interface PasswordPolicy {
  minimumLength: number;
  requireUppercase: boolean;
  requireLowercase: boolean;
  requireNumbers: boolean;
  requireSymbols: boolean;
  temporaryPasswordValidityDays: number;
}

export interface UserPoolConfig {
  address: string;
  id: string;
  name: string;
  arn: string;
  createdAt: number;
  /** Users sign in with their e-mail address; the username itself is the `sub`. */
  signInWithEmail: true;
  caseSensitive: boolean;
  autoVerifiedAttributes: string[];
  passwordPolicy: PasswordPolicy;
  /** Standard attributes as the pool changes them, then custom ones. */
  schema: SchemaAttribute[];
  allowAdminCreateUserOnly: boolean;
  /** Attributes whose new value stays pending, the old one in force, until the user verifies it. */
  attributesRequireVerificationBeforeUpdate: string[];
}

export interface UserPoolClientConfig {
  address: string;
  id: string;
  name: string;
  userPoolId: string;
  /** Undefined: the client may read (or write) every attribute, as Cognito defaults. */
  readAttributes?: string[];
  writeAttributes?: string[];
  explicitAuthFlows: string[];
  idTokenSeconds: number;
  accessTokenSeconds: number;
  refreshTokenSeconds: number;
  /** The validities as declared, in their units, as DescribeUserPoolClient reports them. */
  declaredValidity: Record<'idToken' | 'accessToken' | 'refreshToken', { value: number; unit: string }>;
  /** How long a sign-in challenge (NEW_PASSWORD_REQUIRED) stays open. */
  authSessionMinutes: number;
  preventUserExistenceErrors: boolean;
}

export interface DeclaredUser {
  address: string;
  userPoolId: string;
  username: string;
  /** Generated for this data directory; other stacks read it as the resource's `sub`. */
  sub: string;
  attributes: Record<string, string>;
  enabled: boolean;
  /** Changes when the declared user changes, so a restart applies the change. */
  fingerprint: string;
}

export type RoleMappingMatchType = 'Equals' | 'Contains' | 'StartsWith' | 'NotEqual';

export interface RoleMapping {
  /** `<provider name>:<client id>`. */
  identityProvider: string;
  type: 'Rules' | 'Token';
  ambiguousRoleResolution?: 'AuthenticatedRole' | 'Deny';
  rules: Array<{ claim: string; matchType: RoleMappingMatchType; value: string; roleArn: string }>;
}

export interface IdentityPoolConfig {
  address: string;
  id: string;
  name: string;
  arn: string;
  allowUnauthenticatedIdentities: boolean;
  allowClassicFlow: boolean;
  providers: Array<{ providerName: string; clientId: string; serverSideTokenCheck: boolean }>;
  /** Per provider name: principal tag ← token claim. */
  principalTags: Record<string, Record<string, string>>;
  roles: { authenticated?: string; unauthenticated?: string };
  roleMappings: RoleMapping[];
}

export interface IamRoleConfig {
  address: string;
  name: string;
  arn: string;
  uniqueId: string;
  trustPolicy: PolicyDocument;
  maxSessionDurationSeconds: number;
  /** Inline policies (aws_iam_role_policy and the role's own inline_policy blocks). */
  inlinePolicies: NamedPolicy[];
  /** Managed policies attached to the role, by ARN, with the resource that attached each. */
  managedPolicies: Array<{ arn: string; address: string }>;
}

export interface SecretConfig {
  address: string;
  name: string;
  arn: string;
  arnSuffix: string;
  description?: string;
}

export interface FunctionPermission {
  address: string;
  statementId: string;
  action: string;
  principal: string;
  sourceArn?: string;
  sourceAccount?: string;
}

export interface FunctionConfig {
  address: string;
  name: string;
  arn: string;
  roleArn: string;
  runtime: string;
  /** `index.handler`: module path, then the exported function. */
  handler: string;
  /** Where the zip Terraform uploads was unpacked. */
  codeDirectory: string;
  environment: Record<string, string>;
  memoryMb: number;
  timeoutSeconds: number;
  /** Undefined: the account's unreserved concurrency. */
  reservedConcurrency?: number;
  /** Who else may invoke it: the function's resource-based policy, statement by statement. */
  permissions: FunctionPermission[];
}

export interface InvocationConfig {
  address: string;
  functionName: string;
  /** The event, as Terraform sends it. */
  input: string;
  fingerprint: string;
}

export interface TableConfig {
  address: string;
  name: string;
  arn: string;
  hashKey: string;
  rangeKey?: string;
  /** The DynamoDB CreateTable request the table's arguments amount to. */
  createTableRequest: Record<string, TerraformValue>;
}

export interface TableItemConfig {
  address: string;
  tableName: string;
  /** DynamoDB JSON (`{"PK": {"S": "..."}}`). */
  item: Record<string, TerraformValue>;
  fingerprint: string;
  /** `lifecycle { ignore_changes = [item] }`: put once, never again. */
  ignoreItemChanges: boolean;
}

export interface Throttle {
  rateLimit: number;
  burstLimit: number;
}

export interface RestApiConfig {
  address: string;
  id: string;
  name: string;
  /** The OpenAPI body as deployed, templates resolved. */
  document: ApiDocument;
}

export interface StageConfig {
  address: string;
  restApiId: string;
  name: string;
  variables: Record<string, string>;
  /** `*\/*` for the stage's default, `<resource path>/<METHOD>` for one method. */
  throttles: Record<string, Throttle>;
  /** The AWS WAF web ACL associated with the stage, if any. */
  webAcl?: WebAclConfig;
}

/** An AWS WAF rate-based rule keyed on the client IP. */
export interface RateRuleConfig {
  name: string;
  priority: number;
  /** Requests one address may send within the window before the rule matches. */
  limit: number;
  windowSeconds: number;
  action: 'block' | 'count';
}

/** An AWS WAF web ACL, as far as the offline runtime evaluates it: its rate-based rules and its default action. */
export interface WebAclConfig {
  address: string;
  name: string;
  arn: string;
  defaultAction: 'allow' | 'block';
  rateRules: RateRuleConfig[];
}

export interface ScheduleConfig {
  address: string;
  ruleName: string;
  ruleArn: string;
  intervalMs: number;
  enabled: boolean;
  targets: Array<{ address: string; functionArn: string; input?: string }>;
}

/**
 * A file of the stacks' static site: an S3 object (its bytes from the stack's
 * asset, or its content) that the runtime serves at /app/<key>, standing in for
 * the CloudFront distribution in front of the bucket.
 */
export interface StaticSiteFile {
  address: string;
  bucket: string;
  key: string;
  contentType: string;
  body: Buffer;
}

export interface OfflineDeployment {
  account: LocalAccountFacts;
  userPools: UserPoolConfig[];
  userPoolClients: UserPoolClientConfig[];
  users: DeclaredUser[];
  identityPools: IdentityPoolConfig[];
  roles: IamRoleConfig[];
  /** Customer-managed policies (aws_iam_policy), by ARN. */
  managedPolicies: Array<NamedPolicy & { arn: string }>;
  secrets: SecretConfig[];
  staticSite: StaticSiteFile[];
  functions: FunctionConfig[];
  invocations: InvocationConfig[];
  tables: TableConfig[];
  tableItems: TableItemConfig[];
  restApis: RestApiConfig[];
  stages: StageConfig[];
  schedules: ScheduleConfig[];
  /** In apply order: stacks in dependency order, resources after what they reference. */
  applyOrder: string[];
  /** Each stack's outputs that are not sensitive, resolved. */
  outputs: Record<string, Record<string, TerraformValue>>;
  notEmulated: readonly NotEmulated[];
}
