import { SettingsError } from '../../platform/settings';
import { loadDeploymentConfig } from '../../stacks/deployment-config';
import { synthStacks } from '../support/synth-stacks';

describe('state backends', () => {
  it('keeps local state at relative paths by default', () => {
    const { identity, api } = synthStacks();
    expect(identity.terraform.terraform).toMatchObject({ backend: { local: { path: '../../../terraform.identity.tfstate' } } });
    expect(api.terraform.terraform).toMatchObject({ backend: { local: { path: '../../../terraform.api.tfstate' } } });
  });

  it('uses S3 with a key per stack and S3-native locking', () => {
    const { data, api } = synthStacks({ SHOP_STATE_BACKEND: 's3', SHOP_STATE_BUCKET: 'acme-tf-state' });
    expect(data.terraform.terraform).toMatchObject({
      backend: {
        s3: { bucket: 'acme-tf-state', key: 'shop-platform/data.tfstate', region: 'eu-central-1', encrypt: true, use_lockfile: true },
      },
    });
    const remote = (api.terraform.data as Record<string, Record<string, Record<string, unknown>>>).terraform_remote_state;
    expect(remote['cross-stack-reference-input-data']).toMatchObject({
      backend: 's3',
      config: { bucket: 'acme-tf-state', key: 'shop-platform/data.tfstate' },
    });
  });

  it('uses one named Terraform Cloud workspace per stack', () => {
    const { identity, api } = synthStacks({
      SHOP_STATE_BACKEND: 'cloud',
      SHOP_TFC_ORGANIZATION: 'acme',
      SHOP_TFC_WORKSPACE_PREFIX: 'shops',
    });
    expect(identity.terraform.terraform).toMatchObject({
      cloud: { organization: 'acme', workspaces: { name: 'shops-identity' } },
    });
    const remote = (api.terraform.data as Record<string, Record<string, Record<string, unknown>>>).terraform_remote_state;
    expect(remote['cross-stack-reference-input-identity']).toMatchObject({
      backend: 'remote',
      config: { organization: 'acme', workspaces: { name: 'shops-identity' } },
    });
  });

  it.each([
    [{ SHOP_STATE_BACKEND: 's3' }, /SHOP_STATE_BUCKET is required/],
    [{ SHOP_STATE_BACKEND: 'cloud' }, /SHOP_TFC_ORGANIZATION is required/],
    [{ SHOP_STATE_BACKEND: 'consul' }, /use local, s3 or cloud/],
  ])('refuses an incomplete backend setting %p', (env, message) => {
    expect(() => loadDeploymentConfig(env)).toThrow(SettingsError);
    expect(() => loadDeploymentConfig(env)).toThrow(message);
  });
});
