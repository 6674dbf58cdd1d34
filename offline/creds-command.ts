import { CliError, credentialsFor, readOutputs } from './cli/platform-session';

/**
 * `npm run creds -- <email|guest>`: identity-pool credentials from the running
 * offline platform, for the shell (`eval "$(npm run --silent creds -- guest)"`),
 * as JSON, or as an AWS CLI `credential_process`.
 */
const usage = `Usage: npm run --silent creds -- <email|guest> [--json | --credential-process]

  <email>               a user of the pool, signed in with the test users' password
                        (SHOP_PASSWORD=... for a user with another password)
  guest                 a new guest identity of the identity pool
  (default)             prints export AWS_ACCESS_KEY_ID=... lines: eval "$(npm run --silent creds -- guest)"
  --json                prints the credentials and the identity id as JSON
  --credential-process  prints what an AWS CLI profile's credential_process expects, e.g.
                        [profile shop-guest]
                        credential_process = npm run --silent --prefix /path/to/repo creds -- guest --credential-process

The offline platform must be running (npm start). Environment: SHOP_DATA_DIR (default .local-data),
SHOP_ROOT_ACCESS_KEY_ID / SHOP_ROOT_SECRET_ACCESS_KEY (default test / test).`;

const shellQuote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;

async function main(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(usage);
    return 0;
  }
  const formats = args.filter((arg) => arg.startsWith('--'));
  const names = args.filter((arg) => !arg.startsWith('--'));
  const unknown = formats.filter((flag) => flag !== '--json' && flag !== '--credential-process');
  if (names.length !== 1 || unknown.length > 0 || formats.length > 1) {
    console.error(unknown.length > 0 ? `Unknown option ${unknown[0]}\n\n${usage}` : usage);
    return 2;
  }
  const outputs = readOutputs();
  const credentials = await credentialsFor(outputs, names[0]);
  if (formats[0] === '--json') {
    console.log(JSON.stringify({ ...credentials, expiration: credentials.expiration.toISOString(), region: outputs.region, endpoint: outputs.endpoint }, null, 2));
  } else if (formats[0] === '--credential-process') {
    console.log(
      JSON.stringify({
        Version: 1,
        AccessKeyId: credentials.accessKeyId,
        SecretAccessKey: credentials.secretAccessKey,
        SessionToken: credentials.sessionToken,
        Expiration: credentials.expiration.toISOString(),
      }),
    );
  } else {
    console.log(
      [
        `export AWS_ACCESS_KEY_ID=${shellQuote(credentials.accessKeyId)}`,
        `export AWS_SECRET_ACCESS_KEY=${shellQuote(credentials.secretAccessKey)}`,
        `export AWS_SESSION_TOKEN=${shellQuote(credentials.sessionToken)}`,
        `export AWS_REGION=${shellQuote(outputs.region)}`,
        `# identity ${credentials.identityId}, valid until ${credentials.expiration.toISOString()}; API: ${outputs.apiUrl}`,
      ].join('\n'),
    );
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(error instanceof CliError ? error.exitCode : 1);
  },
);
