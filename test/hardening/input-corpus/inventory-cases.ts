import { join } from 'node:path';

const TOP_LEVEL_KEYS =
  'an object with one of the top-level keys SecurityGroups, SecurityGroupRules, ' +
  'NetworkInterfaces, Entries, PrefixLists (AWS CLI output)';

const MISSING = 'found nothing (the field is missing)';

/**
 * What must become of a bad inventory directory:
 * - `error`: the analysis stops with a StaleSgError of this code (exit code
 *   1) whose message names the file and line or JSON path;
 * - `warning`: it goes on, and says what is missing;
 * - `read`: it goes on quietly; `peers` are the rules' peers as reported.
 */
export type InventoryOutcome =
  | {
      readonly kind: 'error';
      readonly code: 'INVALID_INVENTORY' | 'NOT_FOUND';
      readonly message: (dir: string) => string;
    }
  | { readonly kind: 'warning'; readonly warning: string }
  | { readonly kind: 'read'; readonly peers: readonly string[] };

export interface InventoryCase {
  readonly name: string;
  /** A directory of `test/fixtures/bad-inputs/inventory/`. */
  readonly dir: string;
  readonly outcome: InventoryOutcome;
}

/** An INVALID_INVENTORY error whose message starts with `file` in the case's directory. */
function invalid(file: string, rest: string): InventoryOutcome {
  return {
    kind: 'error',
    code: 'INVALID_INVENTORY',
    message: (dir) => `${join(dir, file)}${rest}`,
  };
}

const CIDR_IP = ': $.SecurityGroups[0].IpPermissions[0].IpRanges[0].CidrIp';

export const INVENTORY_CASES: readonly InventoryCase[] = [
  // Not JSON, or not the AWS output stale-sg reads.
  {
    name: 'a file cut off in the middle',
    dir: 'not-json',
    outcome: invalid(
      'security-groups.json',
      ':5:1: not valid JSON: expected a property name in double quotes, found the end of the file',
    ),
  },
  {
    name: 'an empty file',
    dir: 'empty-file',
    outcome: invalid(
      'security-groups.json',
      ':1:1: not valid JSON: expected a JSON value, found the end of the file',
    ),
  },
  {
    name: 'an HTML error page saved as JSON',
    dir: 'html-error-page',
    outcome: invalid(
      'security-groups.json',
      ':1:1: not valid JSON: expected a JSON value, found "<"',
    ),
  },
  {
    name: 'describe-instances output beside describe-security-groups',
    dir: 'describe-instances',
    outcome: invalid(
      'instances.json',
      `: $: expected ${TOP_LEVEL_KEYS}, found the keys "Reservations"`,
    ),
  },
  {
    name: 'no describe-security-groups output',
    dir: 'no-security-groups',
    outcome: {
      kind: 'error',
      code: 'INVALID_INVENTORY',
      message: (dir) =>
        'aws ec2 describe-security-groups output is required (a JSON file with the top-level ' +
        `key SecurityGroups); found only ${join(dir, 'network-interfaces.json')} (NetworkInterfaces)`,
    },
  },
  {
    name: 'no JSON files at all',
    dir: 'no-json-files',
    outcome: {
      kind: 'error',
      code: 'INVALID_INVENTORY',
      message: (dir) =>
        `${dir}: no *.json files; expected AWS CLI JSON output, ` +
        'at least that of aws ec2 describe-security-groups',
    },
  },
  {
    name: 'a directory that does not exist',
    dir: 'no-such-directory',
    outcome: {
      kind: 'error',
      code: 'NOT_FOUND',
      message: (dir) =>
        `${dir}: cannot read the inventory directory: ENOENT: no such file or directory, scandir '${dir}'`,
    },
  },

  // Missing or mistyped fields.
  {
    name: 'a group without GroupId',
    dir: 'group-without-id',
    outcome: invalid(
      'security-groups.json',
      `: $.SecurityGroups[0].GroupId: expected a non-empty string, ${MISSING}`,
    ),
  },
  {
    name: 'a permission without IpProtocol',
    dir: 'permission-without-protocol',
    outcome: invalid(
      'security-groups.json',
      `: $.SecurityGroups[0].IpPermissions[0].IpProtocol: expected a non-empty string, ${MISSING}`,
    ),
  },
  {
    name: 'a port that is a fraction',
    dir: 'port-as-fraction',
    outcome: invalid(
      'security-groups.json',
      ': $.SecurityGroups[0].IpPermissions[0].FromPort: expected an integer, found 22.5',
    ),
  },
  {
    // A name looked up on a plain object would find Object.prototype.constructor.
    name: 'a protocol named like a property of every object',
    dir: 'protocol-named-constructor',
    outcome: invalid(
      'security-groups.json',
      ': $.SecurityGroups[0].IpPermissions[0].IpProtocol: expected an IP protocol ' +
        '(tcp, udp, icmp, icmpv6, -1 or a number 0 to 255), found "constructor"',
    ),
  },

  // References the inventory cannot resolve.
  {
    name: 'a rule of a group that no describe-security-groups output lists',
    dir: 'rule-of-absent-group',
    outcome: invalid(
      'security-group-rules.json',
      ': $.SecurityGroupRules[0].GroupId: expected the id of a group in ' +
        'aws ec2 describe-security-groups output, found "sg-0000000000000dead"',
    ),
  },
  {
    name: 'an interface attached to a group that no output lists',
    dir: 'interface-of-absent-group',
    outcome: {
      kind: 'warning',
      warning:
        'network interface eni-0a1b2c3d4e5f60718 is attached to security group ' +
        'sg-0000000000000dead, which no describe-security-groups output lists; its rules are unknown',
    },
  },
  {
    name: 'a prefix list without its entries file',
    dir: 'prefix-list-without-entries',
    outcome: {
      kind: 'warning',
      warning:
        'rule sgr-derived-f5a19afd84b6 references prefix list pl-0a1b2c3d4e5f60718, but no ' +
        'pl-0a1b2c3d4e5f60718.json entries file was found; the rule can match no traffic',
    },
  },
  {
    name: 'prefix list entries in a file not named after the list',
    dir: 'prefix-list-entries-misnamed',
    outcome: invalid(
      'office-prefix-list.json',
      ': expected a file named after its prefix list, such as pl-0a1b2c3d.json, for ' +
        'aws ec2 get-managed-prefix-list-entries output (which does not name the list), ' +
        'found the name "office-prefix-list.json"',
    ),
  },

  // CIDRs and addresses.
  {
    name: 'CIDRs with host bits set, read as AWS stores them',
    dir: 'non-canonical-cidrs',
    outcome: { kind: 'read', peers: ['10.0.0.0/8', '2001:db8::/32'] },
  },
  {
    name: 'a CIDR with an octet above 255',
    dir: 'cidr-out-of-range',
    outcome: invalid(
      'security-groups.json',
      `${CIDR_IP}: expected a CIDR block, found "10.0.0.300/8"`,
    ),
  },
  {
    name: 'a CIDR with a prefix longer than 32',
    dir: 'cidr-prefix-too-long',
    outcome: invalid(
      'security-groups.json',
      `${CIDR_IP}: expected a CIDR block, found "10.0.0.0/33"`,
    ),
  },
  {
    name: 'an address without a prefix length',
    dir: 'cidr-without-length',
    outcome: invalid('security-groups.json', `${CIDR_IP}: expected a CIDR block, found "10.0.0.1"`),
  },
  {
    name: 'a host name where a CIDR belongs',
    dir: 'cidr-as-name',
    outcome: invalid(
      'security-groups.json',
      `${CIDR_IP}: expected a CIDR block, found "office.example.com"`,
    ),
  },
  {
    name: 'an IPv6 block in the IPv4-only CidrIp',
    dir: 'ipv6-cidr-in-ipv4-field',
    outcome: invalid(
      'security-groups.json',
      `${CIDR_IP}: expected an IPv4 CIDR block, found "2001:db8::/32" (an IPv6 block)`,
    ),
  },
  {
    name: 'an IPv6 address in the IPv4-only PrivateIpAddress',
    dir: 'ipv6-private-address',
    outcome: invalid(
      'network-interfaces.json',
      ': $.NetworkInterfaces[0].PrivateIpAddress: expected an IPv4 address, found "2001:db8::5"',
    ),
  },
];
