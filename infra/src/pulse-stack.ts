import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CfnOutput, Fn, Stack, type StackProps } from 'aws-cdk-lib';
import { Platform } from 'aws-cdk-lib/aws-ecr-assets';
import { Repository } from 'aws-cdk-lib/aws-ecr';
import { ContainerImage } from 'aws-cdk-lib/aws-ecs';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { BackendService } from './backend-service.ts';
import { PulseConfigError, type BackendImageSource, type PulseConfig } from './config.ts';
import { Database } from './database.ts';
import type { EnvironmentSettings } from './environments.ts';
import { PublicLoadBalancer } from './load-balancer.ts';
import { Network } from './network.ts';

export interface PulseStackProps extends Omit<StackProps, 'env'> {
  readonly config: PulseConfig;
  readonly settings: EnvironmentSettings;
}

/** One environment of Pulse: network, database, load balancer and the backend service. */
export class PulseStack extends Stack {
  readonly config: PulseConfig;
  readonly network: Network;
  readonly database: Database;
  readonly loadBalancer: PublicLoadBalancer;
  readonly backend: BackendService;

  constructor(scope: Construct, id: string, props: PulseStackProps) {
    const { config, settings, ...stackProps } = props;
    super(scope, id, {
      description: `Pulse ${config.environmentName}: real-time Salesforce sales dashboard backend`,
      terminationProtection: settings.terminationProtection,
      tags: { project: 'pulse', environment: config.environmentName },
      ...stackProps,
      env: { account: config.account, region: config.region },
    });
    this.config = config;

    this.network = new Network(this, 'Network', {
      natGateways: settings.natGateways,
      flowLogRetention: settings.logRetention,
    });
    const { vpc } = this.network;
    this.database = new Database(this, 'Database', { vpc, ...settings.database });
    this.loadBalancer = new PublicLoadBalancer(this, 'LoadBalancer', {
      vpc,
      certificateArn: config.certificateArn,
      deletionProtection: settings.loadBalancerDeletionProtection,
    });
    this.backend = new BackendService(this, 'Backend', {
      vpc,
      image: backendImage(this, config.image),
      listener: this.loadBalancer.httpsListener,
      database: this.database,
      salesforce: {
        loginUrl: config.salesforce.loginUrl,
        username: config.salesforce.username,
        clientId: config.salesforce.clientId,
        secret: Secret.fromSecretCompleteArn(this, 'SalesforceSecret', config.salesforce.secretArn),
      },
      ...settings.service,
      logRetention: settings.logRetention,
    });

    new CfnOutput(this, 'LoadBalancerDnsName', {
      description: 'Point the certificate’s domain (CNAME or alias) here',
      value: this.loadBalancer.loadBalancer.loadBalancerDnsName,
    });
  }

  /**
   * The region's first two AZs, resolved by CloudFormation (Fn::GetAZs). With an explicit
   * account and region CDK would otherwise look them up, which needs AWS credentials at synth
   * time or a cdk.context.json keyed by the real account.
   */
  override get availabilityZones(): string[] {
    return [0, 1].map((index) => Fn.select(index, Fn.getAzs()));
  }
}

function backendImage(scope: Construct, source: BackendImageSource): ContainerImage {
  if (source.kind === 'ecr') {
    return ContainerImage.fromEcrRepository(
      Repository.fromRepositoryName(scope, 'BackendRepository', source.repositoryName),
      source.tag,
    );
  }
  if (!existsSync(join(source.directory, 'Dockerfile'))) {
    throw new PulseConfigError(
      `No Dockerfile in ${source.directory}: add one, or deploy a pushed image with -c imageRepository=<name> -c imageTag=<tag>`,
    );
  }
  // Synthesis only stages the folder; `cdk deploy` builds and pushes it.
  return ContainerImage.fromAsset(source.directory, { platform: Platform.LINUX_AMD64 });
}
