import {
  FlowLogDestination,
  FlowLogTrafficType,
  GatewayVpcEndpointAwsService,
  InterfaceVpcEndpointAwsService,
  IpAddresses,
  Peer,
  Port,
  SecurityGroup,
  SubnetType,
  Vpc,
} from 'aws-cdk-lib/aws-ec2';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

export interface NetworkProps {
  /**
   * NAT gateways for the tasks' outbound traffic (Salesforce): 1 is cheaper, 2 survives an AZ.
   * @default 1
   */
  readonly natGateways?: number;
  /**
   * Retention of the VPC flow log group.
   * @default RetentionDays.ONE_MONTH
   */
  readonly flowLogRetention?: RetentionDays;
  /**
   * The VPC's IPv4 range.
   * @default '10.0.0.0/16'
   */
  readonly cidr?: string;
}

/**
 * A VPC across the stack's first two AZs: public subnets for the load balancer and NAT,
 * private subnets with egress for the tasks, isolated subnets for the database. AWS APIs the
 * tasks need at start-up are reached through endpoints, not the NAT.
 */
export class Network extends Construct {
  readonly vpc: Vpc;
  readonly flowLogs: LogGroup;
  readonly endpointSecurityGroup: SecurityGroup;

  constructor(scope: Construct, id: string, props: NetworkProps = {}) {
    super(scope, id);
    const cidr = props.cidr ?? '10.0.0.0/16';
    const natGateways = props.natGateways ?? 1;
    if (!Number.isInteger(natGateways) || natGateways < 1 || natGateways > 2) {
      throw new Error(
        `Network: natGateways must be 1 or 2 (private subnets need egress; there are two AZs), got ${natGateways}`,
      );
    }

    this.vpc = new Vpc(this, 'Vpc', {
      ipAddresses: IpAddresses.cidr(cidr),
      maxAzs: 2,
      natGateways,
      subnetConfiguration: [
        { name: 'Public', subnetType: SubnetType.PUBLIC, cidrMask: 24 },
        { name: 'Application', subnetType: SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 22 },
        { name: 'Database', subnetType: SubnetType.PRIVATE_ISOLATED, cidrMask: 24 },
      ],
    });

    this.flowLogs = new LogGroup(this, 'FlowLogs', {
      retention: props.flowLogRetention ?? RetentionDays.ONE_MONTH,
    });
    this.vpc.addFlowLog('FlowLog', {
      destination: FlowLogDestination.toCloudWatchLogs(this.flowLogs),
      trafficType: FlowLogTrafficType.ALL,
    });

    const application = { subnetType: SubnetType.PRIVATE_WITH_EGRESS };
    // ECR image layers are served from S3; the gateway endpoint is free.
    this.vpc.addGatewayEndpoint('S3', { service: GatewayVpcEndpointAwsService.S3, subnets: [application] });
    const interfaceEndpoints = {
      EcrApi: InterfaceVpcEndpointAwsService.ECR,
      EcrDocker: InterfaceVpcEndpointAwsService.ECR_DOCKER,
      SecretsManager: InterfaceVpcEndpointAwsService.SECRETS_MANAGER,
      Logs: InterfaceVpcEndpointAwsService.CLOUDWATCH_LOGS,
    };
    // One group for all endpoints, admitting HTTPS from the VPC's literal range (CDK's default
    // rule references the VPC's CIDR attribute, which cdk-nag cannot evaluate).
    this.endpointSecurityGroup = new SecurityGroup(this, 'EndpointSecurityGroup', {
      vpc: this.vpc,
      description: 'Pulse VPC interface endpoints: HTTPS from inside the VPC',
      allowAllOutbound: false,
    });
    this.endpointSecurityGroup.addIngressRule(Peer.ipv4(cidr), Port.tcp(443), 'HTTPS from the VPC');
    for (const [endpointId, service] of Object.entries(interfaceEndpoints)) {
      this.vpc.addInterfaceEndpoint(endpointId, {
        service,
        subnets: application,
        securityGroups: [this.endpointSecurityGroup],
        open: false,
      });
    }
  }
}
