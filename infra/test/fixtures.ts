import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import cdkJson from '../cdk.json' with { type: 'json' };
import { createPulseApp } from '../src/app.ts';
import type { EnvironmentName } from '../src/environments.ts';
import type { PulseStack } from '../src/pulse-stack.ts';

export const ACCOUNT = '123456789012';
export const REGION = 'eu-west-1';
export const CERTIFICATE_ARN = `arn:aws:acm:${REGION}:${ACCOUNT}:certificate/11111111-2222-3333-4444-555555555555`;
export const SALESFORCE_SECRET_ARN = `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:pulse/salesforce-AbCdEf`;

/** The `-c` values a real synth passes, for one environment. */
export function requiredContext(env: EnvironmentName): Record<string, string> {
  return {
    env,
    account: ACCOUNT,
    region: REGION,
    certificateArn: CERTIFICATE_ARN,
    salesforceLoginUrl: 'https://test.salesforce.com',
    salesforceUsername: 'pulse-integration@example.com',
    salesforceClientId: '3MVG9-test-client-id',
    salesforceSecretArn: SALESFORCE_SECRET_ARN,
  };
}

/** Context that selects a pushed ECR image instead of building the backend folder. */
export const ECR_IMAGE = { imageRepository: 'pulse-backend', imageTag: 'v1.2.3' } as const;

/** Context that adds the delivery stack (GitHub Actions deploy role). */
export const GITHUB = { githubRepository: 'acme/pulse' } as const;

/**
 * A temporary folder for one test file: cloud assembly outdirs (so Template.fromStack leaves
 * no /tmp/cdk.out* behind) and a stand-in backend folder with a Dockerfile. Call `remove` in
 * afterAll.
 */
export class Scratch {
  readonly root = mkdtempSync(join(tmpdir(), 'pulse-infra-test-'));
  private outdirs = 0;

  /**
   * A backend folder that `ContainerImage.fromAsset` can stage (synthesis never builds it), in a
   * repository root of its own (the build context). Its ignore file keeps the cloud assemblies
   * written beside it out of the staged context, as the real one keeps node_modules out.
   */
  backendDirectory(): string {
    const directory = join(this.root, 'repo', 'backend');
    mkdirSync(directory, { recursive: true });
    writeFileSync(join(directory, 'Dockerfile'), 'FROM scratch\n');
    writeFileSync(join(directory, 'Dockerfile.dockerignore'), '*\n!backend/Dockerfile\n');
    return directory;
  }

  outdir(): string {
    this.outdirs += 1;
    return join(this.root, `cdk.out.${this.outdirs}`);
  }

  remove(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

export interface Synthesized {
  readonly app: App;
  readonly stack: PulseStack;
  readonly template: Template;
}

/**
 * Builds the app exactly as bin/pulse.ts does, with cdk.json's feature flags, and synthesises
 * it (cdk-nag runs as part of that and throws on an unacknowledged error).
 */
export function synthesize(scratch: Scratch, context: Record<string, string>): Synthesized {
  const app = new App({ outdir: scratch.outdir(), context: { ...cdkJson.context, ...context } });
  const stack = createPulseApp(app, scratch.backendDirectory());
  return { app, stack, template: Template.fromStack(stack) };
}
