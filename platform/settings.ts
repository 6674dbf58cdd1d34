import { namedResources, prefixLimit } from './resource-names';

/**
 * Deployment settings shared by the CDKTF stacks and the offline runtime.
 * Every value has a default; environment variables override them and are
 * validated here so a typo fails at synth/start-up with a clear message.
 */
export interface PlatformSettings {
  /** Prefix of every named resource, e.g. `<prefix>-OrdersTable`. */
  readonly prefix: string;
  readonly region: string;
  /** Create the four test users and their shared password secret. */
  readonly createTestUsers: boolean;
  readonly tableDeletionProtection: boolean;
  /** EventBridge schedule expression for the shop-token rotation. */
  readonly tokenRotationSchedule: string;
  /** How long a shop's previous token is still accepted after a rotation. */
  readonly tokenGraceSeconds: number;
  /**
   * How long a function trusts what it last read of a user's role and shop.
   * A demoted or disabled user keeps their old rights for at most this long.
   */
  readonly userCacheSeconds: number;
  readonly logRetentionDays: number;
  readonly apiThrottleRateLimit: number;
  readonly apiThrottleBurstLimit: number;
  /**
   * Requests one client IP address may send to the API in any five minutes
   * before the web ACL blocks it (AWS WAF rate-based rule). Customers of one
   * shop may share an address (the shop's Wi-Fi), so it is per shop in practice.
   */
  readonly wafRateLimit: number;
  /**
   * API Gateway needs a region-wide CloudWatch role for stage logging. It is an
   * account setting, so accounts that already manage it can switch this off.
   */
  readonly manageApiGatewayAccount: boolean;
  /**
   * The origin of the web app when it is served from elsewhere than the API
   * (the `web` stack's CloudFront URL): the one origin whose browser calls the
   * API answers with CORS headers. Empty: no cross-origin browser may call it.
   */
  readonly webOrigin: string;
  /**
   * Whether to define the `web` stack, which hosts the web app on AWS (S3 and
   * CloudFront). Defined by default, so `npm start` serves the app from it;
   * deployed only when named (`cdktf deploy … web`).
   */
  readonly webStack: boolean;
}

export const defaultSettings: PlatformSettings = {
  prefix: 'shop-platform',
  region: 'eu-central-1',
  createTestUsers: true,
  tableDeletionProtection: false,
  tokenRotationSchedule: 'rate(1 hour)',
  tokenGraceSeconds: 120,
  userCacheSeconds: 10,
  logRetentionDays: 30,
  apiThrottleRateLimit: 50,
  apiThrottleBurstLimit: 100,
  wafRateLimit: 1000,
  manageApiGatewayAccount: true,
  webOrigin: '',
  webStack: true,
};

/** The environment variable that overrides each setting. */
export const settingVariables: Readonly<Record<keyof PlatformSettings, string>> = {
  prefix: 'SHOP_PREFIX',
  region: 'AWS_REGION',
  createTestUsers: 'SHOP_TEST_USERS',
  tableDeletionProtection: 'SHOP_TABLE_DELETION_PROTECTION',
  tokenRotationSchedule: 'SHOP_TOKEN_ROTATION_SCHEDULE',
  tokenGraceSeconds: 'SHOP_TOKEN_GRACE_SECONDS',
  userCacheSeconds: 'SHOP_USER_CACHE_SECONDS',
  logRetentionDays: 'SHOP_LOG_RETENTION_DAYS',
  apiThrottleRateLimit: 'SHOP_API_RATE_LIMIT',
  apiThrottleBurstLimit: 'SHOP_API_BURST_LIMIT',
  wafRateLimit: 'SHOP_WAF_RATE_LIMIT',
  manageApiGatewayAccount: 'SHOP_MANAGE_APIGATEWAY_ACCOUNT',
  webOrigin: 'SHOP_WEB_ORIGIN',
  webStack: 'SHOP_WEB_STACK',
};

/** Retention values CloudWatch Logs accepts. */
const logRetentionChoices = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

export class SettingsError extends Error {}

function readString(name: string, value: string, pattern: RegExp, hint: string): string {
  if (!pattern.test(value)) throw new SettingsError(`${name}="${value}" is not valid: ${hint}`);
  return value;
}

/** Lower-case letters, digits and dashes, as short as every name built from it allows. */
function readPrefix(name: string, value: string): string {
  const { maxLength } = prefixLimit();
  readString(name, value, /^[a-z][a-z0-9-]*[a-z0-9]$/, `lower-case letters, digits and dashes, 3 to ${maxLength} long`);
  if (value.length < 3 || value.length > maxLength) {
    const longest = namedResources(value).find((resource) => resource.name.length > resource.maxLength);
    const because = longest
      ? `: the ${longest.what} name ${longest.name} would be ${longest.name.length} characters, and AWS accepts at most ${longest.maxLength}`
      : '';
    throw new SettingsError(`${name}="${value}" is not valid: use 3 to ${maxLength} characters${because}`);
  }
  return value;
}

function readBoolean(name: string, value: string): boolean {
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw new SettingsError(`${name}="${value}" is not valid: use true or false`);
}

function readInteger(name: string, value: string, min: number, max: number): number {
  const parsed = /^[0-9]+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(parsed) || parsed < min || parsed > max) {
    throw new SettingsError(`${name}="${value}" is not valid: use a whole number from ${min} to ${max}`);
  }
  return parsed;
}

/** Reads the settings from environment variables, falling back to the defaults. */
export function loadSettings(env: NodeJS.ProcessEnv = process.env): PlatformSettings {
  const read = <K extends keyof PlatformSettings>(
    key: K,
    parse: (name: string, value: string) => PlatformSettings[K],
  ): PlatformSettings[K] => {
    const name = settingVariables[key];
    const value = env[name];
    return value === undefined || value === '' ? defaultSettings[key] : parse(name, value);
  };
  const retention = read('logRetentionDays', (name, value) => {
    const days = readInteger(name, value, 1, 3653);
    if (!logRetentionChoices.includes(days)) {
      throw new SettingsError(`${name}="${value}" is not valid: CloudWatch accepts ${logRetentionChoices.join(', ')}`);
    }
    return days;
  });
  const settings: PlatformSettings = {
    prefix: read('prefix', readPrefix),
    region: read('region', (name, value) =>
      readString(name, value, /^[a-z]{2}(-gov)?-[a-z]+-[0-9]$/, 'an AWS region such as eu-central-1'),
    ),
    createTestUsers: read('createTestUsers', readBoolean),
    tableDeletionProtection: read('tableDeletionProtection', readBoolean),
    tokenRotationSchedule: read('tokenRotationSchedule', (name, value) => {
      rotationIntervalMs(value, name);
      return value;
    }),
    tokenGraceSeconds: read('tokenGraceSeconds', (name, value) => readInteger(name, value, 0, 3600)),
    userCacheSeconds: read('userCacheSeconds', (name, value) => readInteger(name, value, 0, 300)),
    logRetentionDays: retention,
    apiThrottleRateLimit: read('apiThrottleRateLimit', (name, value) => readInteger(name, value, 1, 10000)),
    apiThrottleBurstLimit: read('apiThrottleBurstLimit', (name, value) => readInteger(name, value, 1, 5000)),
    // The range AWS WAF accepts for a rate-based rule's limit.
    wafRateLimit: read('wafRateLimit', (name, value) => readInteger(name, value, 10, 2_000_000_000)),
    manageApiGatewayAccount: read('manageApiGatewayAccount', readBoolean),
    // One origin, exactly as browsers send it: never '*', no path, no trailing slash.
    webOrigin: read('webOrigin', (name, value) =>
      readString(name, value, /^https?:\/\/[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]{1,5})?$/, 'an origin such as https://d111111abcdef8.cloudfront.net (scheme and host, lower case, no path)'),
    ),
    webStack: read('webStack', readBoolean),
  };
  // A shop keeps one previous token, and a token rotates only once the previous
  // one's grace is over: a grace as long as the schedule would skip rotations.
  if (settings.tokenGraceSeconds * 1000 >= rotationIntervalMs(settings.tokenRotationSchedule)) {
    throw new SettingsError(
      `${settingVariables.tokenGraceSeconds}=${settings.tokenGraceSeconds} is not valid with ${settingVariables.tokenRotationSchedule}="${settings.tokenRotationSchedule}": the grace period must be shorter than the time between rotations`,
    );
  }
  return settings;
}

/** Milliseconds between scheduled rotations, for the offline scheduler. */
export function rotationIntervalMs(schedule: string, name = 'schedule'): number {
  const match = /^rate\(([1-9][0-9]*) (minute|hour|day)(s?)\)$/.exec(schedule);
  // EventBridge wants the singular unit for 1 and the plural for anything else.
  if (!match || (match[1] === '1') !== (match[3] === '')) {
    throw new SettingsError(
      `${name}="${schedule}" is not valid: use an EventBridge rate expression such as rate(1 hour) or rate(30 minutes)`,
    );
  }
  const unitMs = { minute: 60_000, hour: 3_600_000, day: 86_400_000 }[match[2] as 'minute' | 'hour' | 'day'];
  return Number(match[1]) * unitMs;
}
