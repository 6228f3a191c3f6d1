import { ENVIRONMENT_NAMES, isEnvironmentName, type EnvironmentName } from './environments.ts';

/**
 * The context keys the app reads (`-c key=value`, or cdk.json). Values that identify an
 * account or a person are never defaulted: a wrong default deploys to the wrong place.
 */
export const REQUIRED_CONTEXT = {
  env: `environment name: ${ENVIRONMENT_NAMES.join(', ')}`,
  account: 'AWS account id (12 digits)',
  region: 'AWS region, e.g. eu-west-1',
  certificateArn: 'ACM certificate ARN for the HTTPS listener, in the same region',
  salesforceLoginUrl: 'Salesforce login URL, e.g. https://login.salesforce.com',
  salesforceUsername: 'Salesforce integration user name',
  salesforceClientId: 'connected app consumer key',
  salesforceSecretArn: 'complete ARN of the Secrets Manager secret holding SF_PRIVATE_KEY and PULSE_ORG_CERTIFICATE',
} as const;

export const OPTIONAL_CONTEXT = {
  imageRepository: 'ECR repository name of a pushed backend image (default: build ../backend)',
  imageTag: 'tag of that image; required with imageRepository',
  allowedCidrs:
    'comma-separated IPv4 CIDRs that may call the API (default: anyone, behind WAF); /health stays reachable for smoke tests',
  alarmEmail: 'e-mail address subscribed to the alarm topic (default: no subscription)',
  githubRepository:
    'owner/name of the GitHub repository whose workflows may deploy (adds the Pulse-<env>-delivery stack)',
  githubOidcProviderArn:
    "ARN of the account's existing GitHub OIDC provider (default: the delivery stack creates it; an account has only one)",
} as const;

type ContextKey = keyof typeof REQUIRED_CONTEXT | keyof typeof OPTIONAL_CONTEXT;

/** Where the backend's container image comes from. */
export type BackendImageSource =
  | { readonly kind: 'asset'; readonly directory: string }
  | { readonly kind: 'ecr'; readonly repositoryName: string; readonly tag: string };

export interface PulseConfig {
  readonly environmentName: EnvironmentName;
  readonly account: string;
  readonly region: string;
  readonly certificateArn: string;
  readonly salesforce: {
    readonly loginUrl: string;
    readonly username: string;
    readonly clientId: string;
    readonly secretArn: string;
  };
  readonly image: BackendImageSource;
  /** Source ranges admitted by the web ACL; undefined admits everyone (rate limits and managed rules still apply). */
  readonly allowedCidrs?: readonly string[];
  readonly alarmEmail?: string;
  /** Set when GitHub Actions deploys this environment through OIDC. */
  readonly github?: { readonly repository: string; readonly oidcProviderArn?: string };
}

/** Reads one context value; `app.node.tryGetContext` in the app. */
export type ContextReader = (key: string) => unknown;

export class PulseConfigError extends Error {
  override name = 'PulseConfigError';
}

/**
 * Validates the context and returns the typed configuration, or throws one error that names
 * every missing key, so a first run reports everything at once.
 *
 * @param backendDirectory the folder built into the image when no ECR image is given
 */
export function readPulseConfig(context: ContextReader, backendDirectory: string): PulseConfig {
  const read = (key: ContextKey): string | undefined => {
    const value: unknown = context(key);
    if (value === undefined) return undefined;
    if (typeof value !== 'string') {
      throw new PulseConfigError(`Context value "${key}" must be a string, got ${JSON.stringify(value)}`);
    }
    return value.trim() === '' ? undefined : value.trim();
  };

  const missing = Object.keys(REQUIRED_CONTEXT).filter((key) => read(key as ContextKey) === undefined);
  if (missing.length > 0) {
    const lines = missing.map((key) => `  ${key}: ${REQUIRED_CONTEXT[key as keyof typeof REQUIRED_CONTEXT]}`);
    throw new PulseConfigError(
      `Missing required context: ${missing.join(', ')}\n${lines.join('\n')}\nPass each with -c key=value.`,
    );
  }
  const required = (key: keyof typeof REQUIRED_CONTEXT): string => read(key) as string;

  const environmentName = required('env');
  if (!isEnvironmentName(environmentName)) {
    throw new PulseConfigError(
      `Context value "env" must be one of ${ENVIRONMENT_NAMES.join(', ')}, got "${environmentName}"`,
    );
  }
  const account = matching('account', required('account'), /^\d{12}$/);
  const region = matching('region', required('region'), /^[a-z]{2}(-[a-z]+)+-\d$/);
  const partition = 'arn:aws[a-z-]*';
  const certificateArn = matching(
    'certificateArn',
    required('certificateArn'),
    // The load balancer only accepts a certificate from its own region.
    new RegExp(`^${partition}:acm:${region}:\\d{12}:certificate/[\\w-]+$`),
  );
  const secretArn = matching(
    'salesforceSecretArn',
    required('salesforceSecretArn'),
    // ECS reads single JSON keys only through the complete ARN (with the 6-character suffix).
    new RegExp(`^${partition}:secretsmanager:[a-z0-9-]+:\\d{12}:secret:[\\w/+=.@-]+-[A-Za-z0-9]{6}$`),
  );
  const loginUrl = matching('salesforceLoginUrl', required('salesforceLoginUrl'), /^https:\/\/[^\s/]+\/?$/);

  return {
    environmentName,
    account,
    region,
    certificateArn,
    salesforce: {
      loginUrl,
      username: required('salesforceUsername'),
      clientId: required('salesforceClientId'),
      secretArn,
    },
    image: readImageSource(read('imageRepository'), read('imageTag'), backendDirectory),
    ...optionalSettings(read),
  };
}

function optionalSettings(
  read: (key: ContextKey) => string | undefined,
): Pick<PulseConfig, 'allowedCidrs' | 'alarmEmail' | 'github'> {
  const settings: { -readonly [K in 'allowedCidrs' | 'alarmEmail' | 'github']?: PulseConfig[K] } = {};
  const cidrs = read('allowedCidrs');
  if (cidrs !== undefined) {
    settings.allowedCidrs = cidrs.split(',').map((cidr) => {
      const trimmed = cidr.trim();
      if (!isIpv4Cidr(trimmed)) {
        throw new PulseConfigError(
          `Context value "allowedCidrs" is not valid: "${trimmed}" is not an IPv4 CIDR such as 203.0.113.0/24`,
        );
      }
      return trimmed;
    });
  }
  const email = read('alarmEmail');
  if (email !== undefined) settings.alarmEmail = matching('alarmEmail', email, /^[^\s@]+@[^\s@]+\.[^\s@]+$/);
  const repository = read('githubRepository');
  const providerArn = read('githubOidcProviderArn');
  if (repository !== undefined) {
    settings.github = {
      repository: matching('githubRepository', repository, /^[\w.-]+\/[\w.-]+$/),
      oidcProviderArn:
        providerArn === undefined
          ? undefined
          : matching(
              'githubOidcProviderArn',
              providerArn,
              /^arn:aws[a-z-]*:iam::\d{12}:oidc-provider\/token\.actions\.githubusercontent\.com$/,
            ),
    };
  } else if (providerArn !== undefined) {
    throw new PulseConfigError('Context value "githubOidcProviderArn" needs "githubRepository"');
  }
  return settings;
}

function isIpv4Cidr(value: string): boolean {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(value);
  if (!match) return false;
  const [octets, prefix] = [match.slice(1, 5).map(Number), Number(match[5])];
  return octets.every((octet) => octet <= 255) && prefix <= 32;
}

function matching(key: ContextKey, value: string, pattern: RegExp): string {
  if (!pattern.test(value)) {
    throw new PulseConfigError(`Context value "${key}" is not valid: "${value}" (expected ${meaning(key)})`);
  }
  return value;
}

function meaning(key: ContextKey): string {
  return key in REQUIRED_CONTEXT
    ? REQUIRED_CONTEXT[key as keyof typeof REQUIRED_CONTEXT]
    : OPTIONAL_CONTEXT[key as keyof typeof OPTIONAL_CONTEXT];
}

function readImageSource(
  repositoryName: string | undefined,
  tag: string | undefined,
  backendDirectory: string,
): BackendImageSource {
  if (repositoryName === undefined && tag === undefined) return { kind: 'asset', directory: backendDirectory };
  if (repositoryName === undefined || tag === undefined) {
    throw new PulseConfigError('Context values "imageRepository" and "imageTag" go together: give both or neither');
  }
  return { kind: 'ecr', repositoryName, tag };
}
