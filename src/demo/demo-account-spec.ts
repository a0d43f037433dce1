/**
 * The demo account as data: VPCs, subnets, security groups and their rules,
 * network interfaces and the corporate prefix list. Ids and addresses are
 * drawn from the seed in `demo-account.ts`; everything that the demo's story
 * depends on (names, ports, peers, which interface has which groups) is fixed
 * here, so tests and docs can name it.
 *
 * Stale, unobserved, unattached, redundant, narrowable and periodic rules
 * are all here on purpose; `demo-story.ts` lists them.
 */

export type VpcName = 'prod' | 'staging' | 'shared-services';

export interface VpcSpec {
  readonly name: VpcName;
  readonly cidr: string;
  readonly ipv6Cidr: string | null;
}

export interface SubnetSpec {
  readonly name: string;
  readonly vpc: VpcName;
  readonly cidr: string;
  readonly ipv6Cidr: string | null;
  readonly availabilityZone: string;
  /** Routed to an internet gateway; decides `traffic-path` and public IPs. */
  readonly public: boolean;
}

/** `sg:<group key>`, `pl:<prefix list key>`, or an IPv4 or IPv6 CIDR. */
export type PeerSpec = string;

export interface RuleSpec {
  readonly direction: 'ingress' | 'egress';
  /** As the API spells it: `tcp`, `udp`, `icmp`, `-1`. */
  readonly ipProtocol: string;
  readonly fromPort: number;
  readonly toPort: number;
  readonly peer: PeerSpec;
  readonly description: string | null;
}

export interface GroupSpec {
  /** Unique within the account; `name` may repeat (`default` in every VPC). */
  readonly key: string;
  readonly name: string;
  readonly vpc: VpcName;
  readonly description: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly rules: readonly RuleSpec[];
}

/** What an interface is for; the traffic generator picks interfaces by role. */
export type DemoRole =
  | 'alb'
  | 'app'
  | 'db-primary'
  | 'db-standby'
  | 'cache-primary'
  | 'cache-replica'
  | 'bastion'
  | 'endpoint'
  | 'nat'
  | 'staging-web'
  | 'staging-app'
  | 'staging-db'
  | 'staging-reports'
  | 'prometheus'
  | 'dns'
  | 'file-transfer'
  | 'ci';

export type InterfaceType = 'interface' | 'vpc_endpoint' | 'nat_gateway';

export interface InterfaceSpec {
  readonly name: string;
  readonly role: DemoRole;
  readonly subnet: string;
  readonly groups: readonly string[];
  readonly secondaryIpv4: number;
  readonly ipv6: number;
  readonly interfaceType: InterfaceType;
  /** Who created it: an instance of ours, or a service (ELB, VPC endpoint, NAT gateway). */
  readonly owner: 'instance' | 'elb' | 'vpc-endpoint' | 'nat-gateway';
}

export interface PrefixListSpec {
  readonly key: string;
  readonly name: string;
  readonly entries: readonly { readonly cidr: string; readonly description: string }[];
}

export const VPC_SPECS: readonly VpcSpec[] = [
  { name: 'prod', cidr: '10.0.0.0/16', ipv6Cidr: '2600:1f18:aaaa::/56' },
  { name: 'staging', cidr: '10.1.0.0/16', ipv6Cidr: null },
  { name: 'shared-services', cidr: '10.2.0.0/16', ipv6Cidr: null },
];

const subnet = (
  name: string,
  vpc: VpcName,
  cidr: string,
  ipv6Cidr: string | null,
  zone: 'a' | 'b',
  isPublic: boolean,
): SubnetSpec => ({
  name,
  vpc,
  cidr,
  ipv6Cidr,
  availabilityZone: `us-east-1${zone}`,
  public: isPublic,
});

export const SUBNET_SPECS: readonly SubnetSpec[] = [
  subnet('prod-public-a', 'prod', '10.0.0.0/24', '2600:1f18:aaaa:1::/64', 'a', true),
  subnet('prod-public-b', 'prod', '10.0.1.0/24', '2600:1f18:aaaa:2::/64', 'b', true),
  subnet('prod-app-a', 'prod', '10.0.10.0/24', '2600:1f18:aaaa:10::/64', 'a', false),
  subnet('prod-app-b', 'prod', '10.0.11.0/24', '2600:1f18:aaaa:11::/64', 'b', false),
  subnet('prod-data-a', 'prod', '10.0.20.0/24', null, 'a', false),
  subnet('prod-data-b', 'prod', '10.0.21.0/24', null, 'b', false),
  subnet('staging-public-a', 'staging', '10.1.0.0/24', null, 'a', true),
  subnet('staging-private-a', 'staging', '10.1.10.0/24', null, 'a', false),
  subnet('shared-private-a', 'shared-services', '10.2.10.0/24', null, 'a', false),
  subnet('shared-private-b', 'shared-services', '10.2.11.0/24', null, 'b', false),
];

export const CORP_PREFIX_LIST: PrefixListSpec = {
  key: 'corp',
  name: 'corp-offices',
  entries: [
    { cidr: '203.0.113.0/24', description: 'HQ office' },
    { cidr: '198.51.100.0/25', description: 'Berlin office' },
    { cidr: '192.0.2.0/28', description: 'VPN egress' },
    { cidr: '2001:db8:c0de::/48', description: 'HQ office IPv6' },
  ],
};

type Ports = number | readonly [from: number, to: number] | 'all';

function rule(
  direction: RuleSpec['direction'],
  ipProtocol: string,
  ports: Ports,
  peer: PeerSpec,
  description: string | null = null,
): RuleSpec {
  const [fromPort, toPort] =
    ports === 'all' ? [-1, -1] : typeof ports === 'number' ? [ports, ports] : ports;
  return { direction, ipProtocol, fromPort, toPort, peer, description };
}

const ingress = (protocol: string, ports: Ports, peer: PeerSpec, description?: string) =>
  rule('ingress', protocol, ports, peer, description);
const egress = (protocol: string, ports: Ports, peer: PeerSpec, description?: string) =>
  rule('egress', protocol, ports, peer, description);

/** The rules AWS creates in every VPC's default group. */
function defaultGroup(key: string, vpc: VpcName, ipv6: boolean): GroupSpec {
  const rules = [ingress('-1', 'all', `sg:${key}`), egress('-1', 'all', '0.0.0.0/0')];
  if (ipv6) rules.push(egress('-1', 'all', '::/0'));
  return { key, name: 'default', vpc, description: 'default VPC security group', tags: {}, rules };
}

function group(
  key: string,
  vpc: VpcName,
  description: string,
  team: string,
  rules: readonly RuleSpec[],
): GroupSpec {
  return { key, name: key, vpc, description, tags: { Name: key, team }, rules };
}

/** ICMP rules keep type and code in the port fields: echo request (8), any code. */
const ECHO_REQUEST = [8, -1] as const;

export const GROUP_SPECS: readonly GroupSpec[] = [
  // unattached, like most default groups
  defaultGroup('prod-default', 'prod', true),
  group('prod-web-alb', 'prod', 'Public application load balancer', 'web', [
    ingress('tcp', 443, '0.0.0.0/0', 'HTTPS from the internet'),
    ingress('tcp', 443, '::/0', 'HTTPS from the internet (IPv6)'),
    ingress('tcp', 80, '0.0.0.0/0', 'HTTP, redirected to HTTPS'),
    ingress('tcp', 80, '::/0', 'HTTP, redirected to HTTPS (IPv6)'),
    // redundant: 443 from 0.0.0.0/0 allows the same traffic
    ingress('tcp', 443, '10.0.0.0/8', 'HTTPS from internal networks'),
    // stale
    ingress('tcp', 8443, '10.0.0.0/8', 'Old admin listener'),
    egress('tcp', 8080, 'sg:prod-app', 'To the application targets'),
  ]),
  group('prod-app', 'prod', 'Application servers', 'web', [
    ingress('tcp', 8080, 'sg:prod-web-alb', 'HTTP from the load balancer'),
    // narrowable: only 8080 and 8081 are used
    ingress('tcp', [8000, 8999], '10.2.0.0/16', 'Internal tools'),
    ingress('tcp', 22, 'sg:prod-bastion', 'SSH from the bastion'),
    ingress('icmp', ECHO_REQUEST, '10.0.0.0/8', 'Ping from internal networks'),
    // redundant: prod-monitoring-agent has the same rule on the same interfaces
    ingress('tcp', 9100, '10.2.10.0/24', 'Node exporter (old rule)'),
    // stale: the instances have no public address, and nobody inside uses RDP
    ingress('tcp', 3389, '0.0.0.0/0', 'Temporary RDP for vendor'),
    egress('-1', 'all', '0.0.0.0/0', 'All traffic'),
    egress('-1', 'all', '::/0', 'All traffic (IPv6)'),
  ]),
  group('prod-db', 'prod', 'PostgreSQL primary and standby', 'data', [
    ingress('tcp', 5432, 'sg:prod-app', 'PostgreSQL from the application'),
    // used on the first day only: stale with --stale-after 3
    ingress('tcp', 5432, 'sg:prod-bastion', 'One-off data migration'),
    ingress('tcp', 5432, '10.0.20.0/23', 'Streaming replication'),
    // periodic: a CI job exports the database every other night, so it has a cadence
    ingress('tcp', 5432, '10.2.11.0/24', 'Database export from the CI runners'),
    egress('tcp', 5432, '10.0.20.0/23', 'Streaming replication'),
    egress('udp', 53, '10.2.0.0/16', 'DNS to shared services'),
  ]),
  group('prod-cache', 'prod', 'Redis cluster', 'data', [
    ingress('tcp', 6379, 'sg:prod-cache', 'Redis replication'),
    ingress('tcp', 16379, 'sg:prod-cache', 'Redis cluster bus'),
    ingress('tcp', 6379, 'sg:prod-app', 'Redis from the application'),
    egress('-1', 'all', '0.0.0.0/0', 'All traffic'),
  ]),
  group('prod-bastion', 'prod', 'SSH bastion', 'platform', [
    ingress('tcp', 22, `pl:${CORP_PREFIX_LIST.key}`, 'SSH from the offices'),
    egress('-1', 'all', '0.0.0.0/0', 'All traffic'),
    egress('-1', 'all', '::/0', 'All traffic (IPv6)'),
  ]),
  group('prod-monitoring-agent', 'prod', 'Prometheus node exporter', 'platform', [
    ingress('tcp', 9100, '10.2.10.0/24', 'Node exporter from Prometheus'),
  ]),
  group('prod-vpc-endpoints', 'prod', 'Interface VPC endpoints', 'platform', [
    ingress('tcp', 443, '10.0.0.0/16', 'HTTPS from the VPC'),
  ]),
  defaultGroup('staging-default', 'staging', false),
  group('staging-web', 'staging', 'Staging web servers', 'web', [
    ingress('tcp', 443, '0.0.0.0/0', 'HTTPS from the internet'),
    ingress('tcp', 80, '0.0.0.0/0', 'HTTP from the internet'),
    // stale: staging has no IPv6 addresses
    ingress('tcp', 443, '::/0', 'HTTPS from the internet (IPv6), copied from prod'),
    ingress('tcp', 22, `pl:${CORP_PREFIX_LIST.key}`, 'SSH from the offices'),
    egress('-1', 'all', '0.0.0.0/0', 'All traffic'),
  ]),
  group('staging-app', 'staging', 'Staging application servers', 'web', [
    ingress('tcp', 8080, 'sg:staging-web', 'HTTP from the staging web servers'),
    // redundant: staging-default's egress rule is on the same interfaces
    egress('-1', 'all', '0.0.0.0/0', 'All traffic'),
  ]),
  // unobserved: its only interface belongs to a stopped instance
  group('staging-reports', 'staging', 'Nightly report worker', 'data', [
    ingress('tcp', 9000, '10.1.0.0/16', 'Report API from staging'),
    egress('-1', 'all', '0.0.0.0/0', 'All traffic'),
  ]),
  // unattached
  defaultGroup('shared-default', 'shared-services', false),
  group('shared-monitoring', 'shared-services', 'Prometheus and blackbox exporter', 'platform', [
    ingress('tcp', 9090, `pl:${CORP_PREFIX_LIST.key}`, 'Prometheus UI from the offices'),
    egress('-1', 'all', '0.0.0.0/0', 'All traffic'),
  ]),
  group('shared-dns', 'shared-services', 'DNS and NTP servers', 'platform', [
    ingress('udp', 53, '10.0.0.0/8', 'DNS'),
    ingress('tcp', 53, '10.0.0.0/8', 'DNS over TCP'),
    ingress('udp', 123, '10.0.0.0/8', 'NTP'),
    egress('-1', 'all', '0.0.0.0/0', 'All traffic'),
  ]),
  group('shared-file-transfer', 'shared-services', 'File exchange server', 'data', [
    ingress('tcp', 22, '10.0.0.0/8', 'SFTP'),
    // stale
    ingress('tcp', 21, '10.0.0.0/8', 'Legacy FTP'),
    egress('-1', 'all', '0.0.0.0/0', 'All traffic'),
  ]),
  group('shared-ci', 'shared-services', 'CI runners', 'platform', [
    ingress('tcp', 22, `pl:${CORP_PREFIX_LIST.key}`, 'SSH from the offices'),
    egress('-1', 'all', '0.0.0.0/0', 'All traffic'),
  ]),
  // unattached: the instance is gone, the group is not
  group('legacy-jenkins', 'shared-services', 'Jenkins (decommissioned)', 'platform', [
    ingress('tcp', 8080, '10.0.0.0/8', 'Jenkins UI'),
    ingress('tcp', 22, '0.0.0.0/0', 'SSH, to be restricted'),
    egress('-1', 'all', '0.0.0.0/0', 'All traffic'),
  ]),
];

/** `InterfaceType` as describe-network-interfaces shows it, by who created the interface. */
const INTERFACE_TYPES: Readonly<Record<InterfaceSpec['owner'], InterfaceType>> = {
  instance: 'interface',
  elb: 'interface',
  'vpc-endpoint': 'vpc_endpoint',
  'nat-gateway': 'nat_gateway',
};

function eni(
  name: string,
  role: DemoRole,
  subnetName: string,
  groups: readonly string[],
  addresses: { secondaryIpv4?: number; ipv6?: number } = {},
  owner: InterfaceSpec['owner'] = 'instance',
): InterfaceSpec {
  return {
    name,
    role,
    subnet: subnetName,
    groups,
    secondaryIpv4: addresses.secondaryIpv4 ?? 0,
    ipv6: addresses.ipv6 ?? 0,
    interfaceType: INTERFACE_TYPES[owner],
    owner,
  };
}

const APP_GROUPS = ['prod-app', 'prod-monitoring-agent'];
const CACHE_GROUPS = ['prod-cache', 'prod-monitoring-agent'];
const STAGING_APP_GROUPS = ['staging-app', 'staging-default'];

export const INTERFACE_SPECS: readonly InterfaceSpec[] = [
  eni('prod-alb-a', 'alb', 'prod-public-a', ['prod-web-alb'], { ipv6: 1 }, 'elb'),
  eni('prod-alb-b', 'alb', 'prod-public-b', ['prod-web-alb'], { ipv6: 1 }, 'elb'),
  eni('prod-app-1', 'app', 'prod-app-a', APP_GROUPS, { secondaryIpv4: 2, ipv6: 1 }),
  eni('prod-app-2', 'app', 'prod-app-a', APP_GROUPS, { secondaryIpv4: 1, ipv6: 1 }),
  eni('prod-app-3', 'app', 'prod-app-b', APP_GROUPS, { secondaryIpv4: 2, ipv6: 1 }),
  eni('prod-app-4', 'app', 'prod-app-b', APP_GROUPS, { ipv6: 1 }),
  eni('prod-db-1', 'db-primary', 'prod-data-a', ['prod-db']),
  eni('prod-db-2', 'db-standby', 'prod-data-b', ['prod-db']),
  eni('prod-cache-1', 'cache-primary', 'prod-data-a', CACHE_GROUPS),
  eni('prod-cache-2', 'cache-replica', 'prod-data-a', CACHE_GROUPS, { secondaryIpv4: 1 }),
  eni('prod-cache-3', 'cache-replica', 'prod-data-b', CACHE_GROUPS),
  eni('prod-bastion', 'bastion', 'prod-public-a', ['prod-bastion'], { ipv6: 1 }),
  eni('prod-endpoint-a', 'endpoint', 'prod-app-a', ['prod-vpc-endpoints'], {}, 'vpc-endpoint'),
  eni('prod-endpoint-b', 'endpoint', 'prod-app-b', ['prod-vpc-endpoints'], {}, 'vpc-endpoint'),
  eni('prod-nat-a', 'nat', 'prod-public-a', [], {}, 'nat-gateway'),
  eni('staging-web-1', 'staging-web', 'staging-public-a', ['staging-web']),
  eni('staging-web-2', 'staging-web', 'staging-public-a', ['staging-web'], { secondaryIpv4: 1 }),
  eni('staging-app-1', 'staging-app', 'staging-private-a', STAGING_APP_GROUPS),
  eni('staging-app-2', 'staging-app', 'staging-private-a', STAGING_APP_GROUPS, {
    secondaryIpv4: 1,
  }),
  eni('staging-db-1', 'staging-db', 'staging-private-a', ['staging-default']),
  eni('staging-reports-1', 'staging-reports', 'staging-private-a', ['staging-reports']),
  eni('shared-prometheus', 'prometheus', 'shared-private-a', ['shared-monitoring']),
  eni('shared-dns-1', 'dns', 'shared-private-a', ['shared-dns'], { secondaryIpv4: 1 }),
  eni('shared-dns-2', 'dns', 'shared-private-b', ['shared-dns']),
  eni('shared-files', 'file-transfer', 'shared-private-b', ['shared-file-transfer']),
  eni('shared-ci-1', 'ci', 'shared-private-b', ['shared-ci']),
];
