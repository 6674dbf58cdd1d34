import { CloudBackend, LocalBackend, NamedCloudWorkspace, S3Backend, type TerraformStack } from 'cdktf';
import type { StateBackend } from './deployment-config';

/**
 * Local state lives at the repository root as `terraform.<stack>.tfstate`. The
 * path is relative to the stack's working directory (cdktf.out/stacks/<stack>),
 * which is the same depth for every stack, so producers and the remote-state
 * readers of their consumers resolve it alike — and no machine path is synthesized.
 */
export function localStatePath(stackName: string): string {
  return `../../../terraform.${stackName}.tfstate`;
}

export function cloudWorkspaceName(workspacePrefix: string, stackName: string): string {
  return `${workspacePrefix}-${stackName}`;
}

export function configureStateBackend(stack: TerraformStack, stackName: string, backend: StateBackend): void {
  switch (backend.kind) {
    case 'local':
      new LocalBackend(stack, { path: localStatePath(stackName) });
      return;
    case 's3': {
      new S3Backend(stack, {
        bucket: backend.bucket,
        key: `${backend.keyPrefix}/${stackName}.tfstate`,
        region: backend.region,
        encrypt: true,
      });
      // S3-native state locking (Terraform >= 1.10); cdktf's typed config predates it.
      stack.addOverride('terraform.backend.s3.use_lockfile', true);
      return;
    }
    case 'cloud':
      new CloudBackend(stack, {
        organization: backend.organization,
        hostname: backend.hostname,
        workspaces: new NamedCloudWorkspace(cloudWorkspaceName(backend.workspacePrefix, stackName)),
      });
      return;
  }
}
