import { Duration, Token, Validations } from 'aws-cdk-lib';
import { Peer, Port, SecurityGroup, SubnetType, type IVpc } from 'aws-cdk-lib/aws-ec2';
import {
  ApplicationLoadBalancer,
  ApplicationProtocol,
  ListenerAction,
  ListenerCertificate,
  SslPolicy,
  type ApplicationListener,
} from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

export interface PublicLoadBalancerProps {
  readonly vpc: IVpc;
  /** ACM certificate for the HTTPS listener, in the stack's region. */
  readonly certificateArn: string;
  /** @default false */
  readonly deletionProtection?: boolean;
  /**
   * TLS policy of the HTTPS listener.
   * @default SslPolicy.TLS13_12_PQ (TLS 1.2 and 1.3, post-quantum key exchange offered)
   */
  readonly sslPolicy?: SslPolicy;
  /**
   * How long access logs are kept.
   * @default Duration.days(90)
   */
  readonly accessLogExpiration?: Duration;
}

/**
 * The internet-facing Application Load Balancer: HTTPS on 443, HTTP on 80 redirected to it,
 * access logs in S3. A service must attach to `httpsListener` (CDK refuses a listener with no
 * default action). Who may call it is decided by the web ACL in front of it (`WebFirewall`),
 * not by the security group.
 */
export class PublicLoadBalancer extends Construct {
  readonly loadBalancer: ApplicationLoadBalancer;
  readonly httpsListener: ApplicationListener;
  readonly securityGroup: SecurityGroup;
  readonly accessLogs: Bucket;

  constructor(scope: Construct, id: string, props: PublicLoadBalancerProps) {
    super(scope, id);
    if (
      !Token.isUnresolved(props.certificateArn) &&
      !/^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[\w-]+$/.test(props.certificateArn)
    ) {
      throw new Error(
        `PublicLoadBalancer: certificateArn must be an ACM certificate ARN, got "${props.certificateArn}"`,
      );
    }
    const expirationDays = (props.accessLogExpiration ?? Duration.days(90)).toDays({ integral: false });
    if (!Number.isInteger(expirationDays) || expirationDays < 1) {
      throw new Error(
        `PublicLoadBalancer: accessLogExpiration must be a whole number of days, at least 1, got ${expirationDays}`,
      );
    }

    this.accessLogs = new Bucket(this, 'AccessLogs', {
      // Load balancer log delivery supports only S3-managed keys.
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ expiration: Duration.days(expirationDays) }],
    });
    Validations.of(this.accessLogs).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'This bucket is itself the access log of the load balancer; logging access to it would need yet another log bucket. Only the ELB log delivery writes to it.',
    });

    // Outbound rules are added per target by `addTargets`, nothing else.
    this.securityGroup = new SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      description: 'Pulse load balancer: HTTPS and HTTP (redirect) from the internet',
      allowAllOutbound: false,
    });
    this.securityGroup.addIngressRule(Peer.anyIpv4(), Port.tcp(443), 'HTTPS from anywhere');
    this.securityGroup.addIngressRule(Peer.anyIpv4(), Port.tcp(80), 'HTTP from anywhere, redirected to HTTPS');
    Validations.of(this.securityGroup).acknowledge({
      id: 'AwsSolutions-EC23',
      reason:
        'Salesforce calls the API from its shared, published and changing egress ranges, too many for security group rules: 443 stays open and the web ACL (WebFirewall) filters it (rate limit, AWS managed rules, and the optional allowedCidrs allow-list). 80 only redirects to 443.',
    });

    this.loadBalancer = new ApplicationLoadBalancer(this, 'LoadBalancer', {
      vpc: props.vpc,
      vpcSubnets: { subnetType: SubnetType.PUBLIC },
      internetFacing: true,
      securityGroup: this.securityGroup,
      deletionProtection: props.deletionProtection ?? false,
      dropInvalidHeaderFields: true,
    });
    this.loadBalancer.logAccessLogs(this.accessLogs, 'alb');

    this.httpsListener = this.loadBalancer.addListener('Https', {
      protocol: ApplicationProtocol.HTTPS,
      port: 443,
      open: false,
      sslPolicy: props.sslPolicy ?? SslPolicy.TLS13_12_PQ,
      certificates: [ListenerCertificate.fromArn(props.certificateArn)],
    });
    this.loadBalancer.addListener('HttpRedirect', {
      protocol: ApplicationProtocol.HTTP,
      port: 80,
      open: false,
      defaultAction: ListenerAction.redirect({ protocol: 'HTTPS', port: '443', permanent: true }),
    });
  }
}
