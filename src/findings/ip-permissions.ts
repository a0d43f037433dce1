import type { SecurityGroupRule } from '../inventory/inventory.js';
import { ALL_PROTOCOLS, protocolLabel } from '../inventory/protocol.js';
import { isIcmp, rulePorts } from './rule-label.js';

/**
 * The EC2 API's `IpPermission`, spelled as the AWS CLI takes it in
 * `--ip-permissions`: the one place where stale-sg writes AWS's PascalCase.
 * Optional members are absent, never null, because the API rejects null.
 */
export interface IpPermission {
  readonly IpProtocol: string;
  readonly FromPort?: number;
  readonly ToPort?: number;
  readonly IpRanges: readonly { readonly CidrIp: string; readonly Description?: string }[];
  readonly Ipv6Ranges: readonly { readonly CidrIpv6: string; readonly Description?: string }[];
  readonly PrefixListIds: readonly {
    readonly PrefixListId: string;
    readonly Description?: string;
  }[];
  readonly UserIdGroupPairs: readonly { readonly GroupId: string; readonly Description?: string }[];
}

/**
 * The permission that is exactly `rule`. Revoking by permission ignores the
 * description, so `withDescription` is only for recreating the rule.
 */
export function ipPermissionOf(
  rule: SecurityGroupRule,
  options: { readonly withDescription: boolean },
): IpPermission {
  const description =
    options.withDescription && rule.description !== null ? { Description: rule.description } : {};
  const { kind, value } = rule.peer;

  return {
    IpProtocol: rule.protocol === ALL_PROTOCOLS ? '-1' : protocolLabel(rule.protocol),
    ...portsOf(rule),
    IpRanges: kind === 'cidr4' ? [{ CidrIp: value, ...description }] : [],
    Ipv6Ranges: kind === 'cidr6' ? [{ CidrIpv6: value, ...description }] : [],
    PrefixListIds: kind === 'prefix-list' ? [{ PrefixListId: value, ...description }] : [],
    UserIdGroupPairs: kind === 'security-group' ? [{ GroupId: value, ...description }] : [],
  };
}

/**
 * TCP and UDP rules without ports allow 0-65535, which is how the API
 * describes them; ICMP keeps type and code (-1 for any); all protocols and
 * other protocols take no ports.
 */
function portsOf(rule: SecurityGroupRule): { FromPort?: number; ToPort?: number } {
  const ports = rulePorts(rule);
  if (ports !== null) return { FromPort: ports.from, ToPort: ports.to };
  if (isIcmp(rule.protocol)) return { FromPort: rule.fromPort ?? -1, ToPort: rule.toPort ?? -1 };
  return {};
}
