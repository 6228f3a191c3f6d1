import { Validations, type App } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { readPulseConfig } from './config.ts';
import { environmentSettings } from './environments.ts';
import { PulseStack } from './pulse-stack.ts';

/**
 * Adds the stack of the environment chosen by `-c env=...` to `app`, with cdk-nag's AWS
 * Solutions checks: any finding not acknowledged on its construct fails synthesis.
 * bin/pulse.ts and the tests both build the app through here.
 *
 * @param backendDirectory the backend folder built into the image when no ECR image is given
 */
export function createPulseApp(app: App, backendDirectory: string): PulseStack {
  const config = readPulseConfig((key) => app.node.tryGetContext(key), backendDirectory);
  const stack = new PulseStack(app, `Pulse-${config.environmentName}`, {
    config,
    settings: environmentSettings(config.environmentName),
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return stack;
}
