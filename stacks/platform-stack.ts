import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import type { DeploymentConfig } from './deployment-config';
import { configureStateBackend } from './state-backend';

/** Common ground of the three stacks: the AWS provider, default tags and the state backend. */
export abstract class PlatformStack extends TerraformStack {
  protected constructor(scope: Construct, readonly stackName: string, readonly config: DeploymentConfig) {
    super(scope, stackName);
    new AwsProvider(this, 'aws', {
      region: config.settings.region,
      defaultTags: [{ tags: { Project: config.settings.prefix, Stack: stackName, ManagedBy: 'cdktf' } }],
    });
    configureStateBackend(this, stackName, config.backend);
    // Write-only attributes, S3 lock files and ephemeral values need Terraform 1.10 or later.
    this.addOverride('terraform.required_version', '>= 1.10.0');
  }
}
