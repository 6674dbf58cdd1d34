import { createHash } from 'node:crypto';
import { arns, userPoolProviderName } from '../../aws/arns';
import { fullAttributeName, isStandardAttribute, standardAttributes } from '../../cognito-idp/standard-attributes';
import type { BlockReader } from '../block-reader';
import type { AttributeDataType, PasswordPolicy, SchemaAttribute } from '../model';
import type { EmulatedResourceType, ResourceScope } from '../resource-type';
import { newIds, nowIso } from './generated-ids';

const noEmail = 'no e-mail or SMS is sent offline (codes and temporary passwords are printed)';
const noHostedUi = 'there is no hosted UI and no OAuth flow offline';

function userPoolId(scope: ResourceScope): string {
  return scope.generated('id', () => newIds.userPool(scope.account.region));
}

/** Cognito's own defaults when a pool sets no password policy. */
const defaultPasswordPolicy: PasswordPolicy = {
  minimumLength: 8,
  requireUppercase: true,
  requireLowercase: true,
  requireNumbers: true,
  requireSymbols: true,
  temporaryPasswordValidityDays: 7,
};

function readPasswordPolicy(reader: BlockReader): PasswordPolicy {
  const block = reader.optionalBlock('password_policy');
  if (!block) return defaultPasswordPolicy;
  const policy: PasswordPolicy = {
    minimumLength: block.optionalNumber('minimum_length') ?? defaultPasswordPolicy.minimumLength,
    requireUppercase: block.boolean('require_uppercase', defaultPasswordPolicy.requireUppercase),
    requireLowercase: block.boolean('require_lowercase', defaultPasswordPolicy.requireLowercase),
    requireNumbers: block.boolean('require_numbers', defaultPasswordPolicy.requireNumbers),
    requireSymbols: block.boolean('require_symbols', defaultPasswordPolicy.requireSymbols),
    temporaryPasswordValidityDays: block.optionalNumber('temporary_password_validity_days') ?? defaultPasswordPolicy.temporaryPasswordValidityDays,
  };
  const history = block.optionalNumber('password_history_size');
  if (history !== undefined && history > 0) throw block.error('password_history_size', 'password history is not emulated offline');
  block.finish();
  return policy;
}

const dataTypes: readonly AttributeDataType[] = ['String', 'Number', 'Boolean', 'DateTime'];

function readSchemaAttribute(block: BlockReader): SchemaAttribute {
  const declaredName = block.string('name');
  const dataType = block.string('attribute_data_type');
  const type = dataTypes.find((candidate) => candidate === dataType);
  if (!type) throw block.error('attribute_data_type', `must be one of ${dataTypes.join(', ')}`);
  if (block.optionalBoolean('developer_only_attribute') === true) {
    throw block.error('developer_only_attribute', 'developer-only (dev:) attributes are not emulated offline');
  }
  const name = fullAttributeName(declaredName);
  const standard = standardAttributes.find((attribute) => attribute.name === name);
  const attribute: SchemaAttribute = {
    name,
    dataType: type,
    mutable: block.boolean('mutable', standard?.mutable ?? true),
    required: block.boolean('required', false),
  };
  const strings = block.optionalBlock('string_attribute_constraints');
  if (strings) {
    attribute.minLength = strings.optionalNumber('min_length') ?? 0;
    attribute.maxLength = strings.optionalNumber('max_length') ?? 2048;
    strings.finish();
  } else if (type === 'String') {
    attribute.minLength = standard?.minLength ?? 0;
    attribute.maxLength = standard?.maxLength ?? 2048;
  }
  const numbers = block.optionalBlock('number_attribute_constraints');
  if (numbers) {
    attribute.minValue = numbers.optionalNumber('min_value');
    attribute.maxValue = numbers.optionalNumber('max_value');
    numbers.finish();
  }
  block.finish();
  return attribute;
}

/** The standard attributes as the pool's schema changes them, then its custom attributes. */
function readSchema(reader: BlockReader): SchemaAttribute[] {
  const declared = reader.blocks('schema').map(readSchemaAttribute);
  const schema = standardAttributes.map((standard) => declared.find((attribute) => attribute.name === standard.name) ?? standard);
  return [...schema, ...declared.filter((attribute) => !isStandardAttribute(attribute.name))];
}

export const cognitoUserPool: EmulatedResourceType = {
  type: 'aws_cognito_user_pool',
  emulated: true,
  computed: {
    id: userPoolId,
    arn: (scope) => arns.userPool(scope.account, userPoolId(scope)),
    endpoint: (scope) => userPoolProviderName(scope.account.region, userPoolId(scope)),
    creation_date: (scope) => scope.generated('creation_date', nowIso),
  },
  read(scope, reader, parts) {
    const usernameAttributes = reader.stringList('username_attributes');
    if (usernameAttributes.length !== 1 || usernameAttributes[0] !== 'email') {
      throw reader.error('username_attributes', 'the offline user pool signs users in by e-mail only: set username_attributes = ["email"]');
    }
    reader.refuse('alias_attributes', 'sign-in aliases are not emulated offline');
    const usernameConfiguration = reader.optionalBlock('username_configuration');
    // Cognito's API makes a pool case-sensitive unless told otherwise.
    const caseSensitive = usernameConfiguration?.boolean('case_sensitive', true) ?? true;
    usernameConfiguration?.finish();
    const mfa = reader.optionalString('mfa_configuration');
    if (mfa !== undefined && mfa !== 'OFF') throw reader.error('mfa_configuration', 'multi-factor authentication is not emulated offline');
    const adminOnly = reader.optionalBlock('admin_create_user_config');
    const allowAdminCreateUserOnly = adminOnly?.boolean('allow_admin_create_user_only', false) ?? false;
    adminOnly?.ignore('invite_message_template', noEmail);
    adminOnly?.finish();
    const updateSettings = reader.optionalBlock('user_attribute_update_settings');
    const requireVerification = updateSettings?.stringList('attributes_require_verification_before_update') ?? [];
    updateSettings?.finish();
    for (const attribute of requireVerification) {
      if (attribute !== 'email') throw reader.error('user_attribute_update_settings', `verifying ${attribute} before an update is not emulated offline; only email is`);
    }
    const createdAt = Date.parse(scope.generated('creation_date', nowIso));
    parts.userPools.push({
      address: scope.block.address,
      id: userPoolId(scope),
      name: reader.string('name'),
      arn: arns.userPool(scope.account, userPoolId(scope)),
      createdAt,
      signInWithEmail: true,
      caseSensitive,
      autoVerifiedAttributes: reader.stringList('auto_verified_attributes'),
      passwordPolicy: readPasswordPolicy(reader),
      schema: readSchema(reader),
      allowAdminCreateUserOnly,
      attributesRequireVerificationBeforeUpdate: requireVerification,
    });
    reader.refuse('lambda_config', 'user pool triggers are not emulated offline');
    reader.refuse('software_token_mfa_configuration', 'multi-factor authentication is not emulated offline');
    reader.refuse('user_pool_add_ons', 'advanced security features are not emulated offline');
    reader.refuse('sign_in_policy', 'choice-based sign-in is not emulated offline');
    reader.refuse('web_authn_configuration', 'passkeys are not emulated offline');
    reader.ignore('account_recovery_setting', 'account recovery (ForgotPassword) is not emulated offline');
    reader.ignore('device_configuration', 'device tracking is not emulated offline');
    for (const key of ['email_configuration', 'email_verification_message', 'email_verification_subject', 'sms_authentication_message', 'sms_configuration', 'sms_verification_message', 'verification_message_template', 'email_mfa_configuration']) {
      reader.ignore(key, noEmail);
    }
    reader.ignore('deletion_protection', 'the offline pool is deleted with npm start -- --reset');
    reader.skip('tags', 'user_pool_tier');
  },
};

/** Cognito's defaults for a client that sets no validity: one hour, one hour, 30 days. */
const unitSeconds: Record<string, number> = { seconds: 1, minutes: 60, hours: 3600, days: 86_400 };

function validity(reader: BlockReader, key: string, units: BlockReader | undefined, unitKey: string, fallbackUnit: string, fallback: number) {
  const value = reader.optionalNumber(key) ?? fallback;
  const unit = units?.optionalString(unitKey) ?? fallbackUnit;
  const seconds = unitSeconds[unit];
  if (seconds === undefined) throw (units ?? reader).error(unitKey, 'must be seconds, minutes, hours or days');
  return { value, unit, seconds: value * seconds };
}

export const cognitoUserPoolClient: EmulatedResourceType = {
  type: 'aws_cognito_user_pool_client',
  emulated: true,
  computed: {
    id: (scope) => scope.generated('id', newIds.userPoolClient),
  },
  read(scope, reader, parts) {
    if (reader.optionalBoolean('generate_secret') === true) {
      throw reader.error('generate_secret', 'client secrets (SECRET_HASH) are not emulated offline');
    }
    const units = reader.optionalBlock('token_validity_units');
    const prevent = reader.optionalString('prevent_user_existence_errors') ?? 'LEGACY';
    const idToken = validity(reader, 'id_token_validity', units, 'id_token', 'hours', 1);
    const accessToken = validity(reader, 'access_token_validity', units, 'access_token', 'hours', 1);
    const refreshToken = validity(reader, 'refresh_token_validity', units, 'refresh_token', 'days', 30);
    if (prevent !== 'ENABLED' && prevent !== 'LEGACY') throw reader.error('prevent_user_existence_errors', 'must be ENABLED or LEGACY');
    parts.userPoolClients.push({
      address: scope.block.address,
      id: scope.generated('id', newIds.userPoolClient),
      name: reader.string('name'),
      userPoolId: reader.string('user_pool_id'),
      readAttributes: reader.optionalStringList('read_attributes'),
      writeAttributes: reader.optionalStringList('write_attributes'),
      explicitAuthFlows: reader.optionalStringList('explicit_auth_flows') ?? ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_CUSTOM_AUTH'],
      idTokenSeconds: idToken.seconds,
      accessTokenSeconds: accessToken.seconds,
      refreshTokenSeconds: refreshToken.seconds,
      declaredValidity: {
        idToken: { value: idToken.value, unit: idToken.unit },
        accessToken: { value: accessToken.value, unit: accessToken.unit },
        refreshToken: { value: refreshToken.value, unit: refreshToken.unit },
      },
      authSessionMinutes: reader.optionalNumber('auth_session_validity') ?? 3,
      preventUserExistenceErrors: prevent === 'ENABLED',
    });
    units?.finish();
    reader.refuse('refresh_token_rotation', 'refresh token rotation is not emulated offline');
    reader.ignore('enable_token_revocation', 'token revocation (RevokeToken) is not emulated offline');
    for (const key of ['allowed_oauth_flows', 'allowed_oauth_flows_user_pool_client', 'allowed_oauth_scopes', 'callback_urls', 'logout_urls', 'default_redirect_uri', 'supported_identity_providers']) {
      reader.ignore(key, noHostedUi);
    }
    reader.ignore('analytics_configuration', 'Pinpoint analytics are not emulated offline');
    reader.ignore('enable_propagate_additional_user_context_data', 'advanced security features are not emulated offline');
  },
};

/** Terraform's aws_cognito_user names custom attributes without `custom:`. */
function userAttributes(reader: BlockReader): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const [name, value] of Object.entries(reader.optionalStringMap('attributes') ?? {})) attributes[fullAttributeName(name)] = value;
  return attributes;
}

export const cognitoUser: EmulatedResourceType = {
  type: 'aws_cognito_user',
  emulated: true,
  computed: {
    sub: (scope) => scope.generated('sub', newIds.uuid),
    id: (scope) => `${scope.requiredString('user_pool_id')}/${scope.requiredString('username')}`,
    creation_date: (scope) => scope.generated('creation_date', nowIso),
    status: () => 'CONFIRMED',
  },
  read(scope, reader, parts) {
    const attributes = userAttributes(reader);
    const enabled = reader.boolean('enabled', true);
    reader.refuse('password', 'a password in the configuration ends up in the Terraform state; set it from a provisioner instead');
    reader.refuse('temporary_password', 'a password in the configuration ends up in the Terraform state; set it from a provisioner instead');
    reader.ignore('message_action', noEmail);
    reader.ignore('desired_delivery_mediums', noEmail);
    reader.ignore('force_alias_creation', 'sign-in aliases are not emulated offline');
    reader.skip('client_metadata', 'validation_data');
    parts.users.push({
      address: scope.block.address,
      userPoolId: reader.string('user_pool_id'),
      username: reader.string('username'),
      sub: scope.generated('sub', newIds.uuid),
      attributes,
      enabled,
      fingerprint: createHash('sha256').update(JSON.stringify({ attributes, enabled })).digest('base64'),
    });
  },
};
