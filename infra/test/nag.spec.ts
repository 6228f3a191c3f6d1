import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import cdkJson from '../cdk.json' with { type: 'json' };
import { createPulseApp } from '../src/app.ts';
import { ENVIRONMENT_NAMES, type EnvironmentName } from '../src/environments.ts';
import { ECR_IMAGE, GITHUB, Scratch, requiredContext, synthesize, type Synthesized } from './fixtures.ts';

const scratch = new Scratch();
const synthesized = new Map<EnvironmentName, Synthesized>();

beforeAll(() => {
  for (const env of ENVIRONMENT_NAMES) {
    // Every environment with its delivery stack (GitHub deploy role), dev building the image.
    const context = { ...requiredContext(env), ...(env === 'dev' ? {} : ECR_IMAGE), ...GITHUB };
    synthesized.set(env, synthesize(scratch, context));
  }
});
afterAll(() => scratch.remove());

const appOf = (env: EnvironmentName): App => (synthesized.get(env) as Synthesized).app;

/**
 * `path: rule` for every cdk-nag acknowledgement in the app, to review them as one list.
 * (aws-cdk-lib acknowledges some CloudFormation-Validate rules on its own constructs.)
 */
function nagAcknowledgements(app: App): string[] {
  return app.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) => Object.keys(entry.data as Record<string, string>))
      .filter((rule) => rule.startsWith('Annotation::AwsSolutions-'))
      .map(
        (rule) =>
          `${construct.node.path.replace(/^Pulse-(dev|staging|prod)\//, '')}: ${rule.replace('Annotation::', '')}`,
      ),
  );
}

describe('cdk-nag AwsSolutions', () => {
  it.each(ENVIRONMENT_NAMES)('finds no unacknowledged error or warning in %s', (env) => {
    const { violations } = new AwsSolutionsChecks().validateScope(appOf(env));
    const findings = violations.flatMap((violation) =>
      violation.violatingResources.map(
        (resource) => `${violation.severity} ${violation.ruleName} at ${resource.constructPath}`,
      ),
    );
    expect(findings).toEqual([]);
  });

  it.each(ENVIRONMENT_NAMES)('leaves an empty validation report for %s (cdk-nag and CloudFormation checks)', (env) => {
    const report = JSON.parse(readFileSync(join(appOf(env).outdir, 'validation-report.json'), 'utf8')) as {
      pluginReports: unknown[];
    };
    expect(report.pluginReports).toEqual([]);
  });

  // A new acknowledgement must be added here too: this list is what a reviewer signs off.
  it('acknowledges exactly these cdk-nag findings, each on its own construct', () => {
    const always = [
      'Database/Credentials: AwsSolutions-SMG4',
      'Database/Instance: AwsSolutions-RDS11',
      'LoadBalancer/AccessLogs: AwsSolutions-S1',
      'LoadBalancer/SecurityGroup: AwsSolutions-EC23',
      'Backend/Task: AwsSolutions-ECS2',
      'Backend/Task/ExecutionRole: AwsSolutions-IAM5[Resource::*]',
      'Backend/MetricsToken: AwsSolutions-SMG4',
      'Backend/TaskRole: AwsSolutions-IAM5[Resource::*]',
    ];
    const delivery = (env: EnvironmentName) =>
      `Pulse-${env}-delivery/GitHubDeployRole/Role: AwsSolutions-IAM5[Resource::*]`;
    expect(nagAcknowledgements(appOf('prod')).sort()).toEqual([...always, delivery('prod')].sort());
    expect(nagAcknowledgements(appOf('staging')).sort()).toEqual(
      [...always, 'Database/Instance: AwsSolutions-RDS3', delivery('staging')].sort(),
    );
    expect(nagAcknowledgements(appOf('dev')).sort()).toEqual(
      [
        ...always,
        'Database/Instance: AwsSolutions-RDS3',
        'Database/Instance: AwsSolutions-RDS10',
        delivery('dev'),
      ].sort(),
    );
  });

  it('fails synthesis of the app on an unacknowledged finding', () => {
    const app = new App({
      outdir: scratch.outdir(),
      context: { ...cdkJson.context, ...requiredContext('dev'), ...ECR_IMAGE },
    });
    const stack = createPulseApp(app, scratch.backendDirectory());
    new Bucket(stack, 'Unchecked');
    expect(() => app.synth()).toThrow(/AwsSolutions-S10/);
  });
});
