/**
 * The files of a data directory. Secret documents (keys, password hashes,
 * passwords, credentials, refresh tokens) are written with mode 0600.
 */
export interface DocumentName {
  readonly name: string;
  readonly secret: boolean;
}

export const documents = {
  /** RSA key pair that signs the user pool's JWTs. */
  signingKey: { name: 'signing-key.json', secret: true },
  /** User pool users: attributes, status, scrypt password hashes, pending confirmation codes. */
  users: { name: 'users.json', secret: true },
  /** SHA-256 hashes of issued refresh tokens and what they may refresh. */
  refreshTokens: { name: 'refresh-tokens.json', secret: true },
  /** Identity pool identities and the user each authenticated one belongs to. */
  identities: { name: 'identities.json', secret: false },
  /** Temporary credentials the identity pool issued. */
  credentials: { name: 'credentials.json', secret: true },
  /** Secrets created through the API (CreateSecret, PutSecretValue), values included. */
  createdSecrets: { name: 'created-secrets.json', secret: true },
  /**
   * What `terraform apply` would have recorded in state: the ids and ARNs AWS
   * generated for each resource of the stacks, and what was created or invoked.
   */
  deployment: { name: 'deployment.json', secret: false },
  /** The before-images of a DynamoDB transaction while it writes (orders hold names and phone numbers). */
  dynamoDbTransaction: { name: 'dynamodb-transaction.json', secret: true },
} as const satisfies Record<string, DocumentName>;

/**
 * What data directories of earlier versions kept before the stacks' resources
 * had addresses: generated ids, the REST API id and the test users' password.
 * Read once to carry a directory over (see legacy-data-directory.ts), then removed.
 */
export const legacyDocuments = {
  resources: { name: 'resources.json', secret: false },
  restApi: { name: 'rest-api.json', secret: false },
  testUsersPassword: { name: 'test-users-password.json', secret: true },
} as const satisfies Record<string, DocumentName>;
