import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { CfnOutput, Fn, IgnoreMode, Stack, type StackProps } from 'aws-cdk-lib';
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
import { Monitoring } from './monitoring.ts';
import { Network } from './network.ts';
import { WebFirewall } from './web-firewall.ts';

export interface PulseStackProps extends Omit<StackProps, 'env'> {
  readonly config: PulseConfig;
  readonly settings: EnvironmentSettings;
}

/**
 * One environment of Pulse: network, database, load balancer behind a web firewall, the backend
 * service with its telemetry collector, and the alarms and dashboard that watch them.
 */
export class PulseStack extends Stack {
  readonly config: PulseConfig;
  readonly network: Network;
  readonly database: Database;
  readonly loadBalancer: PublicLoadBalancer;
  readonly firewall: WebFirewall;
  readonly backend: BackendService;
  readonly monitoring: Monitoring;

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
    this.firewall = new WebFirewall(this, 'Firewall', {
      loadBalancer: this.loadBalancer.loadBalancer,
      requestsPerIpPer5Minutes: settings.firewall.requestsPerIpPer5Minutes,
      allowedCidrs: config.allowedCidrs,
      logRetention: settings.logRetention,
    });
    const metricsNamespace = `Pulse/${config.environmentName}`;
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
      metricsNamespace,
    });
    this.monitoring = new Monitoring(this, 'Monitoring', {
      loadBalancer: this.loadBalancer.loadBalancer,
      backend: this.backend,
      database: this.database.instance,
      metricsNamespace,
      alarmEmail: config.alarmEmail,
      databaseConnections: settings.alarms.databaseConnections,
      dashboardName: `Pulse-${config.environmentName}`,
    });

    new CfnOutput(this, 'LoadBalancerDnsName', {
      description: 'Point the certificate’s domain (CNAME or alias) here',
      value: this.loadBalancer.loadBalancer.loadBalancerDnsName,
    });
    new CfnOutput(this, 'AlarmTopicArn', {
      description: 'Subscribe on-call here (aws sns subscribe ...)',
      value: this.monitoring.topic.topicArn,
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
  const dockerfile = join(source.directory, 'Dockerfile');
  const ignoreFile = `${dockerfile}.dockerignore`;
  for (const required of [dockerfile, ignoreFile]) {
    if (!existsSync(required)) {
      throw new PulseConfigError(
        `No ${basename(required)} in ${source.directory}: add one, or deploy a pushed image with -c imageRepository=<name> -c imageTag=<tag>`,
      );
    }
  }
  // The build context is the repository root (the workspaces' lockfile is there), cut down to
  // what the Dockerfile copies by its own ignore file. Synthesis only stages it; `cdk deploy`
  // builds and pushes it.
  return ContainerImage.fromAsset(dirname(source.directory), {
    file: `${basename(source.directory)}/Dockerfile`,
    platform: Platform.LINUX_AMD64,
    ignoreMode: IgnoreMode.DOCKER,
    exclude: readFileSync(ignoreFile, 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#')),
  });
}
