/**
 * IP protocols as security group rules name them. The API uses names for the
 * common ones and numbers for the rest; flow logs always use numbers. A Map,
 * not an object: `IpProtocol` is input, and `constructor` or `__proto__`
 * must not find something on an object's prototype.
 */
const numberByName: ReadonlyMap<string, number> = new Map([
  ['tcp', 6],
  ['udp', 17],
  ['icmp', 1],
  ['icmpv6', 58],
]);

const nameByNumber: ReadonlyMap<number, string> = new Map(
  [...numberByName].map(([name, number]) => [number, name]),
);

export const ALL_PROTOCOLS = -1;
export const TCP = 6;
export const UDP = 17;
export const ICMP = 1;
export const ICMPV6 = 58;

/**
 * The protocol number of an `IpProtocol` value (`tcp`, `6`, `-1`, ...), or
 * undefined when it is neither a known name nor a number from -1 to 255.
 */
export function protocolNumber(ipProtocol: string): number | undefined {
  const lower = ipProtocol.trim().toLowerCase();
  const byName = numberByName.get(lower);
  if (byName !== undefined) return byName;
  if (!/^-?\d+$/.test(lower)) return undefined;

  const value = Number(lower);
  return value >= -1 && value <= 255 ? value : undefined;
}

/** The report's name for a protocol: `tcp`, `udp`, `icmp`, `icmpv6`, `all` or the number. */
export function protocolLabel(protocol: number): string {
  if (protocol === ALL_PROTOCOLS) return 'all';
  return nameByNumber.get(protocol) ?? String(protocol);
}

/** Whether flow logs carry meaningful ports for this protocol. */
export function hasPorts(protocol: number): boolean {
  return protocol === TCP || protocol === UDP;
}
