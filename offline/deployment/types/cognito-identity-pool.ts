import { arns } from '../../aws/arns';
import type { RoleMapping, RoleMappingMatchType } from '../model';
import type { BlockReader } from '../block-reader';
import type { EmulatedResourceType, ResourceScope } from '../resource-type';
import { newIds } from './generated-ids';

function identityPoolId(scope: ResourceScope): string {
  return scope.generated('id', () => newIds.identityPool(scope.account.region));
}

const notEmulatedProvider = 'only a Cognito user pool is emulated as an identity provider offline';

/** The basic flow lets a client pick any role a trust policy allows; it is not emulated, so the start stops. */
function classicFlow(reader: BlockReader): false {
  if (reader.boolean('allow_classic_flow', false)) {
    throw reader.error('allow_classic_flow', 'the basic (classic) flow is not emulated offline (no OpenID tokens, no AssumeRoleWithWebIdentity)');
  }
  return false;
}

export const cognitoIdentityPool: EmulatedResourceType = {
  type: 'aws_cognito_identity_pool',
  emulated: true,
  computed: {
    id: identityPoolId,
    arn: (scope) => arns.identityPool(scope.account, identityPoolId(scope)),
  },
  read(scope, reader, parts) {
    parts.identityPools.push({
      address: scope.block.address,
      id: identityPoolId(scope),
      name: reader.string('identity_pool_name'),
      arn: arns.identityPool(scope.account, identityPoolId(scope)),
      allowUnauthenticatedIdentities: reader.boolean('allow_unauthenticated_identities', false),
      allowClassicFlow: classicFlow(reader),
      providers: reader.blocks('cognito_identity_providers').map((block) => {
        const provider = {
          providerName: block.string('provider_name'),
          clientId: block.string('client_id'),
          serverSideTokenCheck: block.boolean('server_side_token_check', false),
        };
        block.finish();
        return provider;
      }),
    });
    for (const key of ['developer_provider_name', 'openid_connect_provider_arns', 'saml_provider_arns', 'supported_login_providers']) {
      reader.refuse(key, notEmulatedProvider);
    }
    reader.skip('tags');
  },
};

export const cognitoIdentityPoolProviderPrincipalTag: EmulatedResourceType = {
  type: 'aws_cognito_identity_pool_provider_principal_tag',
  emulated: true,
  computed: {
    id: (scope) => `${scope.requiredString('identity_pool_id')}:${scope.requiredString('identity_provider_name')}`,
  },
  read(scope, reader, parts) {
    // Terraform's default is true; the default mappings are not emulated, so they must be spelled out.
    if (reader.boolean('use_defaults', true)) {
      throw reader.error('use_defaults', "Cognito's default tag mappings are not emulated offline: set use_defaults = false and list principal_tags");
    }
    parts.principalTags.push({
      address: scope.block.address,
      identityPoolId: reader.string('identity_pool_id'),
      providerName: reader.string('identity_provider_name'),
      tags: reader.optionalStringMap('principal_tags') ?? {},
    });
  },
};

const matchTypes: readonly RoleMappingMatchType[] = ['Equals', 'Contains', 'StartsWith', 'NotEqual'];

export const cognitoIdentityPoolRolesAttachment: EmulatedResourceType = {
  type: 'aws_cognito_identity_pool_roles_attachment',
  emulated: true,
  computed: {
    id: (scope) => scope.requiredString('identity_pool_id'),
  },
  read(scope, reader, parts) {
    const roles = reader.optionalStringMap('roles') ?? {};
    for (const key of Object.keys(roles)) {
      if (key !== 'authenticated' && key !== 'unauthenticated') throw reader.error(`roles.${key}`, 'must be authenticated or unauthenticated');
    }
    const roleMappings: RoleMapping[] = reader.blocks('role_mapping').map((block) => {
      const type = block.string('type');
      if (type !== 'Rules' && type !== 'Token') throw block.error('type', 'must be Rules or Token');
      const ambiguous = block.optionalString('ambiguous_role_resolution');
      if (ambiguous !== undefined && ambiguous !== 'AuthenticatedRole' && ambiguous !== 'Deny') {
        throw block.error('ambiguous_role_resolution', 'must be AuthenticatedRole or Deny');
      }
      const mapping: RoleMapping = {
        identityProvider: block.string('identity_provider'),
        type,
        ...(ambiguous === undefined ? {} : { ambiguousRoleResolution: ambiguous }),
        rules: block.blocks('mapping_rule').map((rule) => {
          const matchType = rule.string('match_type');
          const known = matchTypes.find((candidate) => candidate === matchType);
          if (!known) throw rule.error('match_type', `must be one of ${matchTypes.join(', ')}`);
          const entry = { claim: rule.string('claim'), matchType: known, value: rule.string('value'), roleArn: rule.string('role_arn') };
          rule.finish();
          return entry;
        }),
      };
      block.finish();
      return mapping;
    });
    parts.identityPoolRoles.push({
      address: scope.block.address,
      identityPoolId: reader.string('identity_pool_id'),
      roles: { authenticated: roles.authenticated, unauthenticated: roles.unauthenticated },
      roleMappings,
    });
  },
};
