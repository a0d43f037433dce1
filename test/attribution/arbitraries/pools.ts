/**
 * The small pools random scenarios draw from. Addresses, CIDRs and ports
 * overlap on purpose: interface addresses fall inside rule CIDRs and prefix
 * list entries, and server ports inside rule port ranges.
 */

export const T0 = 1_700_000_000;
export const HOUR = 3600;
export const WINDOW_HOURS = 20 * 24;

export const GROUP_IDS = ['sg-a', 'sg-b', 'sg-c'];
/** Referenced by rules, attached nowhere. */
export const GONE_GROUP = 'sg-gone';
export const PREFIX_LIST_IDS = ['pl-0', 'pl-1', 'pl-2'];
/** Referenced by rules, missing from the inventory. */
export const GONE_PREFIX_LIST = 'pl-gone';

export const IPV4 = ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4', '10.0.1.1', '192.168.0.1'];
export const IPV6 = ['2001:db8::1', '2001:db8::2', '2001:db8::3', '2001:db8:0:1::1', 'fd00::1'];
/** Peers that belong to no interface. */
export const OUTSIDE_IPV4 = ['203.0.113.5', '10.0.1.255'];
export const OUTSIDE_IPV6 = ['2001:db8:ffff::5'];

/** Broad blocks come twice, so that rules match more often. */
export const CIDR4 = [
  '10.0.0.0/24',
  '0.0.0.0/0',
  '10.0.0.0/30',
  '10.0.0.2/31',
  '10.0.0.1/32',
  '203.0.113.0/24',
  '10.0.0.0/24',
  '0.0.0.0/0',
];
export const CIDR6 = [
  '2001:db8::/64',
  '::/0',
  '2001:db8::/126',
  '2001:db8::2/128',
  'fd00::/8',
  '2001:db8::/64',
  '::/0',
];

export type PortPair = readonly [number | null, number | null];

export const PORT_RANGES: readonly PortPair[] = [
  [443, 443],
  [0, 65535],
  [22, 22],
  [53, 53],
  [80, 443],
  [1024, 65535],
  [32768, 65535],
  [null, null],
];
/** ICMP rules carry type and code in fromPort and toPort; flow logs have neither. */
export const ICMP_TYPES: readonly PortPair[] = [
  [null, null],
  [8, 0],
  [8, null],
];

/** Server ports come up more often than others, so that port ranges match. */
export const PORTS = [443, 443, 443, 22, 22, 53, 123, 2000, 32767, 32768, 40000, 50000, 65535];
export const TCP_FLAGS = [null, 0, 2, 3, 18, 19, 16, 1, 4];

/** Element `pick` of a non-empty list, wrapping around: picks shrink towards the first. */
export function pickFrom<T>(list: readonly T[], pick: number): T {
  const value = list[pick % list.length];
  if (value === undefined) throw new RangeError('pickFrom needs a non-empty list');
  return value;
}
