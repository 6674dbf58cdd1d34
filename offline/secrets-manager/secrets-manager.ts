import { AwsServiceError, invalidParameter } from '../aws-json/errors';
import { readInput } from '../aws-json/input';
import type { AwsJsonService, AwsOperation, JsonObject } from '../aws-json/service';
import { localAccountId } from '../credentials/types';

export const secretsManagerTargetPrefix = 'secretsmanager';
export const secretsManagerSigningName = 'secretsmanager';

export interface StoredSecret {
  name: string;
  arnSuffix: string;
  versionId: string;
  createdAt: number;
  /** Read when asked for, so the value lives only in the data directory. */
  value: () => string;
  description?: string;
}

export interface SecretsManagerOptions {
  region: string;
  secrets: readonly StoredSecret[];
}

export function secretArn(region: string, secret: Pick<StoredSecret, 'name' | 'arnSuffix'>, accountId = localAccountId): string {
  return `arn:aws:secretsmanager:${region}:${accountId}:secret:${secret.name}-${secret.arnSuffix}`;
}

const secretIdRule = { minLength: 1, maxLength: 2048 };

function notFound(): AwsServiceError {
  return new AwsServiceError('ResourceNotFoundException', "Secrets Manager can't find the specified secret.");
}

function epochSeconds(milliseconds: number): number {
  return milliseconds / 1000;
}

export function createSecretsManagerService(options: SecretsManagerOptions): AwsJsonService {
  const { region } = options;
  const arnOf = (secret: StoredSecret) => secretArn(region, secret);

  /** By name, by full ARN, or by ARN without the random suffix, as Secrets Manager accepts. */
  function find(secretId: string): StoredSecret | undefined {
    return options.secrets.find((secret) => {
      const arn = arnOf(secret);
      return secretId === secret.name || secretId === arn || secretId === arn.slice(0, -(secret.arnSuffix.length + 1));
    });
  }

  function findOrThrow(secretId: string): StoredSecret {
    const secret = find(secretId);
    if (!secret) throw notFound();
    return secret;
  }

  async function getSecretValue(input: JsonObject): Promise<JsonObject> {
    const reader = readInput(input, 'secretsmanager:GetSecretValue').allowOnly(['SecretId', 'VersionId', 'VersionStage']);
    const secret = findOrThrow(reader.requiredString('SecretId', secretIdRule));
    const versionId = reader.optionalString('VersionId', { minLength: 32, maxLength: 64 });
    const stage = reader.optionalString('VersionStage', { minLength: 1, maxLength: 256 });
    if (versionId !== undefined && versionId !== secret.versionId) {
      throw new AwsServiceError('ResourceNotFoundException', `Secrets Manager can't find the specified secret value for VersionId: ${versionId}`);
    }
    if (stage !== undefined && stage !== 'AWSCURRENT') {
      throw new AwsServiceError('ResourceNotFoundException', `Secrets Manager can't find the specified secret value for staging label: ${stage}`);
    }
    return {
      ARN: arnOf(secret),
      Name: secret.name,
      VersionId: secret.versionId,
      SecretString: secret.value(),
      VersionStages: ['AWSCURRENT'],
      CreatedDate: epochSeconds(secret.createdAt),
    };
  }

  function metadata(secret: StoredSecret): JsonObject {
    return {
      ARN: arnOf(secret),
      Name: secret.name,
      ...(secret.description === undefined ? {} : { Description: secret.description }),
      LastChangedDate: epochSeconds(secret.createdAt),
      CreatedDate: epochSeconds(secret.createdAt),
      Tags: [],
    };
  }

  async function describeSecret(input: JsonObject): Promise<JsonObject> {
    const reader = readInput(input, 'secretsmanager:DescribeSecret').allowOnly(['SecretId']);
    const secret = findOrThrow(reader.requiredString('SecretId', secretIdRule));
    return { ...metadata(secret), VersionIdsToStages: { [secret.versionId]: ['AWSCURRENT'] } };
  }

  async function listSecrets(input: JsonObject): Promise<JsonObject> {
    const reader = readInput(input, 'secretsmanager:ListSecrets').allowOnly(['MaxResults', 'NextToken', 'Filters', 'IncludePlannedDeletion', 'SortOrder']);
    reader.optionalInteger('MaxResults', 1, 100);
    if (reader.optionalString('NextToken') !== undefined) throw invalidParameter('Invalid NextToken: the offline secret list has a single page');
    reader.optionalBoolean('IncludePlannedDeletion');
    const sortOrder = reader.optionalString('SortOrder', { pattern: /^(asc|desc)$/ });
    const filters =
      reader.optionalList('Filters', (filter) => {
        filter.allowOnly(['Key', 'Values']);
        const key = filter.requiredString('Key');
        if (key !== 'name' && key !== 'all') throw invalidParameter(`Filter key ${key} is not supported by the offline runtime; use name or all`);
        return { key, values: filter.optionalStringList('Values') ?? [] };
      }) ?? [];
    const selected = options.secrets.filter((secret) =>
      filters.every(({ key, values }) =>
        values.some((value) => {
          const haystack = key === 'name' ? [secret.name] : [secret.name, secret.description ?? ''];
          return haystack.some((text) => text.toLowerCase().startsWith(value.toLowerCase()));
        }),
      ),
    );
    const sorted = [...selected].sort((a, b) => a.createdAt - b.createdAt);
    if (sortOrder === 'desc') sorted.reverse();
    return {
      SecretList: sorted.map((secret) => ({ ...metadata(secret), SecretVersionsToStages: { [secret.versionId]: ['AWSCURRENT'] } })),
    };
  }

  // IAM evaluates the secret's full ARN even when the caller named it by name.
  const resourceOf = (input: JsonObject): string => {
    const secretId = input.SecretId;
    if (typeof secretId !== 'string') return '*';
    const secret = find(secretId);
    if (secret) return arnOf(secret);
    return secretId.startsWith('arn:') ? secretId : `arn:aws:secretsmanager:${region}:${localAccountId}:secret:${secretId}`;
  };
  const operation = (name: string, handler: AwsOperation['handler'], resource: AwsOperation['resourceArn']): AwsOperation => ({
    signed: true,
    iamAction: `${secretsManagerSigningName}:${name}`,
    resourceArn: resource,
    handler,
  });
  return {
    targetPrefix: secretsManagerTargetPrefix,
    signingName: secretsManagerSigningName,
    operations: {
      GetSecretValue: operation('GetSecretValue', getSecretValue, resourceOf),
      DescribeSecret: operation('DescribeSecret', describeSecret, resourceOf),
      ListSecrets: operation('ListSecrets', listSecrets, () => '*'),
    },
  };
}
