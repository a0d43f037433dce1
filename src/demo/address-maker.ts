import type { CidrBlock, IpAddress } from '../net/ip-address.js';
import { formatIpAddress, parseCidr } from '../net/ip-address.js';
import type { Random } from './random.js';

/** Draws distinct host addresses inside subnets. */
export class AddressMaker {
  private readonly used = new Set<string>();

  constructor(private readonly random: Random) {}

  /** AWS reserves the first four and the last address of every subnet. */
  ipv4(cidr: string, count: number): string[] {
    const block = requireCidr(cidr);
    return this.distinct(count, () => ({
      family: 4,
      value: block.first + BigInt(this.random.int(4, Number(block.last - block.first) - 1)),
    }));
  }

  ipv6(cidr: string, count: number): string[] {
    const block = requireCidr(cidr);
    return this.distinct(count, () => ({
      family: 6,
      value: block.first | BigInt(`0x${this.random.hex(16)}`),
    }));
  }

  /** A public address of the kind AWS hands out in us-east-1. */
  publicIpv4(): string {
    const first = this.random.pick([3, 18, 34, 44, 52, 54]);
    return [first, this.random.int(0, 255), this.random.int(0, 255), this.random.int(1, 254)].join(
      '.',
    );
  }

  macAddress(): string {
    const octets = Array.from({ length: 5 }, () => this.random.hex(2));
    return ['0e', ...octets].join(':');
  }

  private distinct(count: number, draw: () => IpAddress): string[] {
    const found: string[] = [];
    while (found.length < count) {
      const address = formatIpAddress(draw());
      if (this.used.has(address)) continue;
      this.used.add(address);
      found.push(address);
    }
    return found;
  }
}

function requireCidr(text: string): CidrBlock {
  const block = parseCidr(text);
  if (block === undefined) throw new RangeError(`The demo spec has an invalid CIDR ${text}`);
  return block;
}
