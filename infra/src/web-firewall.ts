import { Token } from 'aws-cdk-lib';
import type { IApplicationLoadBalancer } from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { CfnIPSet, CfnLoggingConfiguration, CfnWebACL, CfnWebACLAssociation } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';

export interface WebFirewallProps {
  /** The web ACL is associated with this load balancer. */
  readonly loadBalancer: IApplicationLoadBalancer;
  /**
   * Requests one source IP may send in any 5 minutes before it is blocked. Salesforce sends the
   * callouts of every user of an org from a few shared IPs: size this for the whole org.
   * @default 2000
   */
  readonly requestsPerIpPer5Minutes?: number;
  /**
   * Source ranges (IPv4 CIDRs) that may reach the API. Requests from elsewhere are blocked,
   * except `GET /health`, which deploy smoke tests call from CI runners with changing IPs.
   * @default - everyone (the rate limit and the managed rule groups still apply)
   */
  readonly allowedCidrs?: readonly string[];
  /** Paths served only inside the task, never through the load balancer. @default ['/metrics'] */
  readonly internalPaths?: readonly string[];
  /** @default RetentionDays.ONE_MONTH */
  readonly logRetention?: RetentionDays;
}

/**
 * AWS WAF in front of the load balancer. Rules, in evaluation order:
 *  1. internal paths (Prometheus `/metrics`) are blocked: only the collector sidecar reads them, over localhost;
 *  2. a per-IP rate limit;
 *  3. AWS managed rule groups: the common rule set (OWASP-style) and known bad inputs;
 *  4. with `allowedCidrs`, everything not from those ranges is blocked (except `GET /health`).
 * Blocked and counted requests are logged (without the Authorization header: it carries tokens).
 */
export class WebFirewall extends Construct {
  static readonly MANAGED_RULE_GROUPS = ['AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet'];

  readonly webAcl: CfnWebACL;
  readonly logGroup: LogGroup;
  /** Present when `allowedCidrs` is given. */
  readonly allowList?: CfnIPSet;

  constructor(scope: Construct, id: string, props: WebFirewallProps) {
    super(scope, id);
    const limit = props.requestsPerIpPer5Minutes ?? 2000;
    if (!Number.isInteger(limit) || limit < 10 || limit > 2_000_000_000) {
      throw new Error(`WebFirewall: requestsPerIpPer5Minutes must be a whole number from 10, got ${limit}`);
    }
    if (props.allowedCidrs !== undefined && props.allowedCidrs.length === 0) {
      throw new Error('WebFirewall: allowedCidrs must list at least one range, or be left out to admit everyone');
    }
    const metricPrefix = this.node.path.replace(/[^\w]/g, '');
    const visibility = (name: string): CfnWebACL.VisibilityConfigProperty => ({
      cloudWatchMetricsEnabled: true,
      sampledRequestsEnabled: true,
      metricName: `${metricPrefix}${name}`,
    });

    const rules: CfnWebACL.RuleProperty[] = [
      {
        name: 'BlockInternalPaths',
        priority: 0,
        action: { block: {} },
        statement: orOf(
          (props.internalPaths ?? ['/metrics']).map((path) => ({
            byteMatchStatement: {
              fieldToMatch: { uriPath: {} },
              positionalConstraint: 'STARTS_WITH',
              searchString: path,
              textTransformations: [
                { priority: 0, type: 'URL_DECODE' },
                { priority: 1, type: 'LOWERCASE' },
              ],
            },
          })),
        ),
        visibilityConfig: visibility('InternalPaths'),
      },
      {
        name: 'RateLimitPerIp',
        priority: 1,
        action: { block: {} },
        statement: { rateBasedStatement: { limit, aggregateKeyType: 'IP', evaluationWindowSec: 300 } },
        visibilityConfig: visibility('RateLimit'),
      },
      ...WebFirewall.MANAGED_RULE_GROUPS.map((name, index): CfnWebACL.RuleProperty => ({
        name,
        priority: 2 + index,
        overrideAction: { none: {} },
        statement: { managedRuleGroupStatement: { vendorName: 'AWS', name } },
        visibilityConfig: visibility(name),
      })),
    ];

    if (props.allowedCidrs) {
      const invalid = props.allowedCidrs.filter((cidr) => !Token.isUnresolved(cidr) && !/^[\d.]+\/\d{1,2}$/.test(cidr));
      if (invalid.length > 0)
        throw new Error(`WebFirewall: allowedCidrs must be IPv4 CIDRs, got ${invalid.join(', ')}`);
      this.allowList = new CfnIPSet(this, 'AllowList', {
        scope: 'REGIONAL',
        ipAddressVersion: 'IPV4',
        addresses: [...props.allowedCidrs],
        description: 'Pulse: source ranges that may call the API - the Salesforce org and admins',
      });
      rules.push({
        name: 'BlockOutsideAllowList',
        priority: 2 + WebFirewall.MANAGED_RULE_GROUPS.length,
        action: { block: {} },
        statement: {
          andStatement: {
            statements: [
              { notStatement: { statement: { ipSetReferenceStatement: { arn: this.allowList.attrArn } } } },
              { notStatement: { statement: healthCheckRequest() } },
            ],
          },
        },
        visibilityConfig: visibility('OutsideAllowList'),
      });
    }

    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      description: 'Pulse API: rate limit, AWS managed rules, optional source allow-list',
      rules,
      visibilityConfig: visibility('WebAcl'),
    });
    new CfnWebACLAssociation(this, 'Association', {
      resourceArn: props.loadBalancer.loadBalancerArn,
      webAclArn: this.webAcl.attrArn,
    });

    // WAF requires its log groups to be named aws-waf-logs-*.
    this.logGroup = new LogGroup(this, 'Logs', {
      logGroupName: `aws-waf-logs-${metricPrefix}`,
      retention: props.logRetention ?? RetentionDays.ONE_MONTH,
    });
    new CfnLoggingConfiguration(this, 'Logging', {
      resourceArn: this.webAcl.attrArn,
      logDestinationConfigs: [this.logGroup.logGroupArn],
      redactedFields: [{ singleHeader: { Name: 'authorization' } }],
      // Allowed requests are in the load balancer's access logs already.
      loggingFilter: {
        DefaultBehavior: 'DROP',
        Filters: [
          {
            Behavior: 'KEEP',
            Requirement: 'MEETS_ANY',
            Conditions: [{ ActionCondition: { Action: 'BLOCK' } }, { ActionCondition: { Action: 'COUNT' } }],
          },
        ],
      },
    });
  }
}

function orOf(statements: CfnWebACL.StatementProperty[]): CfnWebACL.StatementProperty {
  return statements.length === 1 ? statements[0] : { orStatement: { statements } };
}

/** `GET /health`, exactly. */
function healthCheckRequest(): CfnWebACL.StatementProperty {
  return {
    andStatement: {
      statements: [
        {
          byteMatchStatement: {
            fieldToMatch: { uriPath: {} },
            positionalConstraint: 'EXACTLY',
            searchString: '/health',
            textTransformations: [{ priority: 0, type: 'NONE' }],
          },
        },
        {
          byteMatchStatement: {
            fieldToMatch: { method: {} },
            positionalConstraint: 'EXACTLY',
            searchString: 'GET',
            textTransformations: [{ priority: 0, type: 'NONE' }],
          },
        },
      ],
    },
  };
}
