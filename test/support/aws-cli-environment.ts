import { childEnvironment } from './child-environment';

/**
 * The environment to run the AWS CLI in against a local endpoint: the local
 * root keys and nothing of this machine's AWS configuration. The region is left
 * to the caller, so a walkthrough can show its own `--region` flags work.
 */
export function awsCliEnvironment(extra: Record<string, string> = {}): Record<string, string> {
  return childEnvironment({
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_PAGER: '',
    ...extra,
  });
}
