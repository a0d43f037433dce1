/**
 * IPv4 and IPv6 addresses and CIDR blocks as integers, so that "inside a CIDR"
 * is a range comparison. The same arithmetic runs in SQL (see
 * `attribution/address-sql.ts`); this is the TypeScript side, used for the
 * inventory and by the reference oracle in the tests.
 */

export type IpFamily = 4 | 6;

export interface IpAddress {
  readonly family: IpFamily;
  readonly value: bigint;
}

export interface CidrBlock {
  readonly family: IpFamily;
  readonly prefixLength: number;
  /** First and last address of the block. */
  readonly first: bigint;
  readonly last: bigint;
}

const IPV4_OCTET = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const IPV6_GROUP = /^[0-9a-fA-F]{1,4}$/;

/** Parses a dotted-quad IPv4 address; undefined when it is not one. */
export function parseIpv4(text: string): bigint | undefined {
  const octets = text.split('.');
  if (octets.length !== 4) return undefined;

  let value = 0n;
  for (const octet of octets) {
    if (!IPV4_OCTET.test(octet)) return undefined;
    value = (value << 8n) | BigInt(octet);
  }
  return value;
}

/**
 * Parses an IPv6 address in any of the RFC 4291 text forms: full, with one
 * `::`, and with a trailing dotted quad (`::ffff:10.0.0.1`).
 */
export function parseIpv6(text: string): bigint | undefined {
  const groups = ipv6Groups(text);
  if (groups === undefined) return undefined;

  let value = 0n;
  for (const group of groups) value = (value << 16n) | BigInt(group);
  return value;
}

function ipv6Groups(text: string): number[] | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;

  const head = splitGroups(halves[0] ?? '');
  const tail = halves.length === 2 ? splitGroups(halves[1] ?? '') : [];
  if (head === undefined || tail === undefined) return undefined;

  if (halves.length === 1) return head.length === 8 ? head : undefined;
  const missing = 8 - head.length - tail.length;
  return missing >= 1 ? [...head, ...new Array<number>(missing).fill(0), ...tail] : undefined;
}

function splitGroups(text: string): number[] | undefined {
  if (text === '') return [];

  const parts = text.split(':');
  const groups: number[] = [];
  for (const [index, part] of parts.entries()) {
    if (IPV6_GROUP.test(part)) {
      groups.push(parseInt(part, 16));
      continue;
    }

    // A dotted quad may stand for the last 32 bits.
    const ipv4 = index === parts.length - 1 ? parseIpv4(part) : undefined;
    if (ipv4 === undefined) return undefined;
    groups.push(Number(ipv4 >> 16n), Number(ipv4 & 0xffffn));
  }
  return groups;
}

/** Parses an address of either family; IPv6 when it contains a colon. */
export function parseIpAddress(text: string): IpAddress | undefined {
  if (text.includes(':')) {
    const value = parseIpv6(text);
    return value === undefined ? undefined : { family: 6, value };
  }
  const value = parseIpv4(text);
  return value === undefined ? undefined : { family: 4, value };
}

function bitsOf(family: IpFamily): number {
  return family === 4 ? 32 : 128;
}

/**
 * Parses `address/length`. Host bits that are set are cleared, as AWS does
 * when it stores a rule (`10.0.0.5/16` covers 10.0.0.0 to 10.0.255.255).
 */
export function parseCidr(text: string): CidrBlock | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;

  const address = parseIpAddress(text.slice(0, slash));
  const lengthText = text.slice(slash + 1);
  if (address === undefined || !/^\d{1,3}$/.test(lengthText)) return undefined;

  const bits = bitsOf(address.family);
  const prefixLength = Number(lengthText);
  if (prefixLength > bits) return undefined;

  const hostBits = BigInt(bits - prefixLength);
  const hostMask = (1n << hostBits) - 1n;
  const first = address.value & ~hostMask;
  return { family: address.family, prefixLength, first, last: first | hostMask };
}

export function cidrContains(block: CidrBlock, address: IpAddress): boolean {
  return (
    block.family === address.family && address.value >= block.first && address.value <= block.last
  );
}

/** Formats an address value; IPv6 in the RFC 5952 canonical form. */
export function formatIpAddress(address: IpAddress): string {
  if (address.family === 4) {
    return [24n, 16n, 8n, 0n].map((shift) => String((address.value >> shift) & 0xffn)).join('.');
  }

  const groups = Array.from({ length: 8 }, (_, i) =>
    Number((address.value >> BigInt(112 - 16 * i)) & 0xffffn),
  );
  return compressIpv6(groups);
}

function compressIpv6(groups: number[]): string {
  // The longest run of two or more zero groups becomes `::` (first one on ties).
  let bestStart = -1;
  let bestLength = 1;
  for (let start = 0; start < 8; start++) {
    let length = 0;
    while (start + length < 8 && groups[start + length] === 0) length++;
    if (length > bestLength) [bestStart, bestLength] = [start, length];
  }

  const hex = groups.map((group) => group.toString(16));
  if (bestStart < 0) return hex.join(':');
  const head = hex.slice(0, bestStart).join(':');
  const tail = hex.slice(bestStart + bestLength).join(':');
  return `${head}::${tail}`;
}

/** The canonical text of a CIDR block (host bits cleared). */
export function formatCidr(block: CidrBlock): string {
  return `${formatIpAddress({ family: block.family, value: block.first })}/${block.prefixLength}`;
}
