import { resolve } from 'node:path';
import { App } from 'aws-cdk-lib';
import { createPulseApp } from '../src/app.ts';
import { PulseConfigError } from '../src/config.ts';

try {
  // The CDK CLI runs this from infra/, where cdk.json is.
  createPulseApp(new App(), resolve('..', 'backend'));
} catch (error) {
  // A configuration mistake needs its message, not a stack trace.
  if (!(error instanceof PulseConfigError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
