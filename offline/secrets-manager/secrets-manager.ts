import { AwsServiceError, invalidParameter } from '../aws-json/errors';
import { readInput } from '../aws-json/input';
import type { AwsJsonService, AwsOperation, JsonObject } from '../aws-json/service';
import { arns } from '../aws/arns';
import type { SecretConfig } from '../deployment/model';
import { StateError } from '../state/errors';
import type { Clock } from '../state/clock';
import type { CreatedSecrets, CreatedSecret } from './created-secrets';

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
  accountId: string;
  /** Secrets the stacks declare or callers create; they may be empty until PutSecretValue, as on AWS. */
  created: CreatedSecrets;
  clock: Clock;
}

export interface SecretsManager {
  service: AwsJsonService;
  /** Creates a secret the stacks declare (without a value, as aws_secretsmanager_secret does), once. */
  applyDeclaredSecret(secret: SecretConfig): 'created' | 'unchanged';
  /** Gives a secret without a value its first value (a data directory carried over from an earlier version). */
  putValueIfEmpty(name: string, value: string): void;
}

const secretIdRule = { minLength: 1, maxLength: 2048 };

function notFound(): AwsServiceError {
  return new AwsServiceError('ResourceNotFoundException', "Secrets Manager can't find the specified secret.");
}

function epochSeconds(milliseconds: number): number {
  return milliseconds / 1000;
}

export function createSecretsManager(options: SecretsManagerOptions): SecretsManager {
  const { region, accountId } = options;
  const secretArn = (secret: Pick<StoredSecret, 'name' | 'arnSuffix'>) => arns.secret({ region, accountId }, secret.name, secret.arnSuffix);
  const arnOf = (secret: StoredSecret) => secretArn(secret);

  const names = (secret: Pick<StoredSecret, 'name' | 'arnSuffix'>) => {
    const arn = secretArn(secret);
    return [secret.name, arn, arn.slice(0, -(secret.arnSuffix.length + 1))];
  };

  /** A created secret as the read operations see it; without a value it has no current version. */
  const asStored = (secret: CreatedSecret): StoredSecret | undefined =>
    secret.current && {
      name: secret.name,
      arnSuffix: secret.arnSuffix,
      versionId: secret.current.versionId,
      createdAt: secret.createdAt,
      description: secret.description,
      value: () => secret.current!.value,
    };

  const findCreated = (secretId: string) => options.created.all().find((secret) => names(secret).includes(secretId));

  /** By name, by full ARN, or by ARN without the random suffix, as Secrets Manager accepts. */
  function find(secretId: string): StoredSecret | undefined {
    const created = findCreated(secretId);
    return created && asStored(created);
  }

  function findOrThrow(secretId: string): StoredSecret {
    const secret = find(secretId);
    if (!secret) throw notFound();
    return secret;
  }

  async function getSecretValue(input: JsonObject): Promise<JsonObject> {
    const reader = readInput(input, 'secretsmanager:GetSecretValue').allowOnly(['SecretId', 'VersionId', 'VersionStage']);
    const secretId = reader.requiredString('SecretId', secretIdRule);
    const created = findCreated(secretId);
    if (created && !created.current) {
      // Created without a value: the secret exists, its AWSCURRENT version does not yet.
      throw new AwsServiceError('ResourceNotFoundException', "Secrets Manager can't find the specified secret value for staging label: AWSCURRENT");
    }
    const secret = findOrThrow(secretId);
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
    const listed = options.created.all().flatMap((secret) => asStored(secret) ?? []);
    const selected = listed.filter((secret) =>
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

  async function createSecret(input: JsonObject): Promise<JsonObject> {
    const reader = readInput(input, 'secretsmanager:CreateSecret').allowOnly(['Name', 'Description', 'SecretString', 'ClientRequestToken']);
    const name = reader.requiredString('Name', { minLength: 1, maxLength: 512, pattern: /^[A-Za-z0-9/_+=.@-]+$/ });
    const description = reader.optionalString('Description', { maxLength: 2048 });
    const value = reader.optionalString('SecretString', { maxLength: 65536 });
    reader.optionalString('ClientRequestToken', { minLength: 32, maxLength: 64 });
    if (findCreated(name)) {
      throw new AwsServiceError('ResourceExistsException', `The operation failed because the secret ${name} already exists.`);
    }
    const secret = options.created.create(name, options.clock(), description);
    const versionId = value === undefined ? undefined : options.created.putValue(secret, value, options.clock());
    return { ARN: secretArn(secret), Name: name, ...(versionId ? { VersionId: versionId } : {}) };
  }

  async function putSecretValue(input: JsonObject): Promise<JsonObject> {
    const reader = readInput(input, 'secretsmanager:PutSecretValue').allowOnly(['SecretId', 'SecretString', 'ClientRequestToken']);
    const secretId = reader.requiredString('SecretId', secretIdRule);
    const value = reader.requiredString('SecretString', { minLength: 1, maxLength: 65536 });
    reader.optionalString('ClientRequestToken', { minLength: 32, maxLength: 64 });
    const secret = findCreated(secretId);
    if (!secret) throw notFound();
    const versionId = options.created.putValue(secret, value, options.clock());
    return { ARN: secretArn(secret), Name: secret.name, VersionId: versionId, VersionStages: ['AWSCURRENT'] };
  }

  // IAM evaluates the secret's full ARN even when the caller named it by name.
  const resourceOf = (input: JsonObject): string => {
    const secretId = input.SecretId;
    if (typeof secretId !== 'string') return '*';
    const created = findCreated(secretId);
    if (created) return secretArn(created);
    return secretId.startsWith('arn:') ? secretId : arns.secretWithoutSuffix({ region, accountId }, secretId);
  };
  const operation = (name: string, handler: AwsOperation['handler'], resource: AwsOperation['resourceArn']): AwsOperation => ({
    signed: true,
    iamAction: `${secretsManagerSigningName}:${name}`,
    resourceArn: resource,
    handler,
  });
  const service: AwsJsonService = {
    targetPrefix: secretsManagerTargetPrefix,
    signingName: secretsManagerSigningName,
    operations: {
      GetSecretValue: operation('GetSecretValue', getSecretValue, resourceOf),
      DescribeSecret: operation('DescribeSecret', describeSecret, resourceOf),
      ListSecrets: operation('ListSecrets', listSecrets, () => '*'),
      CreateSecret: operation('CreateSecret', createSecret, (input) =>
        arns.secretWithoutSuffix({ region, accountId }, typeof input.Name === 'string' ? input.Name : '*'),
      ),
      PutSecretValue: operation('PutSecretValue', putSecretValue, resourceOf),
    },
  };
  return {
    service,
    applyDeclaredSecret(declared) {
      const existing = findCreated(declared.name);
      if (!existing) {
        options.created.create(declared.name, options.clock(), declared.description, declared.arnSuffix);
        return 'created';
      }
      if (existing.arnSuffix !== declared.arnSuffix) {
        throw new StateError(
          `The secret ${declared.name} in the data directory has the ARN ${secretArn(existing)}, not ${declared.arn} as the stacks were given; start with --reset`,
        );
      }
      return 'unchanged';
    },
    putValueIfEmpty(name, value) {
      const secret = findCreated(name);
      if (secret && !secret.current) options.created.putValue(secret, value, options.clock());
    },
  };
}
