import { Validations, type App } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { readPulseConfig } from './config.ts';
import { environmentSettings } from './environments.ts';
import { DeliveryStack } from './github-deploy.ts';
import { PulseStack } from './pulse-stack.ts';

/**
 * Adds the stack of the environment chosen by `-c env=...` to `app` (and, with
 * `-c githubRepository=...`, its delivery stack `Pulse-<env>-delivery`), with cdk-nag's AWS
 * Solutions checks: any finding not acknowledged on its construct fails synthesis.
 * bin/pulse.ts and the tests both build the app through here.
 *
 * @param backendDirectory the backend folder built into the image when no ECR image is given
 */
export function createPulseApp(app: App, backendDirectory: string): PulseStack {
  const config = readPulseConfig((key) => app.node.tryGetContext(key), backendDirectory);
  const name = `Pulse-${config.environmentName}`;
  const stack = new PulseStack(app, name, { config, settings: environmentSettings(config.environmentName) });
  if (config.github) {
    new DeliveryStack(app, `${name}-delivery`, {
      env: { account: config.account, region: config.region },
      environmentName: config.environmentName,
      repository: config.github.repository,
      oidcProviderArn: config.github.oidcProviderArn,
      tags: { project: 'pulse', environment: config.environmentName },
    });
  }
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return stack;
}
