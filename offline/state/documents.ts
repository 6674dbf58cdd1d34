/**
 * The files of a data directory, all written owner-only (0600): besides keys,
 * password hashes, passwords, credentials and refresh tokens, they hold
 * identities and what identifies users.
 */
export interface DocumentName {
  readonly name: string;
}

export const documents = {
  /** RSA key pair that signs the user pool's JWTs. */
  signingKey: { name: 'signing-key.json' },
  /** User pool users: attributes, status, scrypt password hashes, pending confirmation codes. */
  users: { name: 'users.json' },
  /** SHA-256 hashes of issued refresh tokens and what they may refresh. */
  refreshTokens: { name: 'refresh-tokens.json' },
  /** Identity pool identities and the user each authenticated one belongs to. */
  identities: { name: 'identities.json' },
  /** Temporary credentials the identity pool issued. */
  credentials: { name: 'credentials.json' },
  /** Secrets created through the API (CreateSecret, PutSecretValue), values included. */
  createdSecrets: { name: 'created-secrets.json' },
  /**
   * What `terraform apply` would have recorded in state: the ids and ARNs AWS
   * generated for each resource of the stacks, and what was created or invoked.
   */
  deployment: { name: 'deployment.json' },
  /** The before-images of a DynamoDB transaction while it writes (orders hold names and phone numbers). */
  dynamoDbTransaction: { name: 'dynamodb-transaction.json' },
} as const satisfies Record<string, DocumentName>;

/** The directory of a data directory where DynamoDB (dynalite) keeps the tables. */
export const dynamoDbDirectoryName = 'dynamodb';

/**
 * What data directories of earlier versions kept before the stacks' resources
 * had addresses: generated ids, the REST API id and the test users' password.
 * Read once to carry a directory over (see legacy-data-directory.ts), then removed.
 */
export const legacyDocuments = {
  resources: { name: 'resources.json' },
  restApi: { name: 'rest-api.json' },
  testUsersPassword: { name: 'test-users-password.json' },
} as const satisfies Record<string, DocumentName>;
