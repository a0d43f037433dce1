import type { CidrBlock } from '../net/ip-address.js';
import { formatIpAddress, parseCidr } from '../net/ip-address.js';
import type { Endpoint } from './connection-records.js';
import type { DemoAccount, DemoInterface } from './demo-account.js';
import { Random } from './random.js';
import type { PathPeer } from './traffic-paths.js';

type Family = 4 | 6;

/** First octets of public unicast space, clear of private, shared and documentation ranges. */
const PUBLIC_FIRST_OCTETS = [
  23, 31, 45, 51, 62, 66, 73, 81, 85, 91, 98, 104, 109, 142, 151, 176, 185, 212,
];
const PUBLIC_IPV6_PREFIXES = [0x2a02, 0x2a01, 0x2601, 0x2603, 0x2405, 0x2804];

/** Corporate addresses are drawn from the first million of a large block. */
const MAX_CORP_HOSTS = 0xfffff;

/**
 * Draws the ends of connections: interfaces of the account by role, clients
 * and servers on the internet (regulars from a seeded pool, plus newcomers),
 * and office addresses inside the corporate prefix list.
 */
export class TrafficEndpoints {
  private readonly candidates = new Map<string, DemoInterface[]>();
  private readonly internetClients: Record<Family, string[]>;
  private readonly internetServers: Record<Family, string[]>;
  private readonly corpBlocks: Record<Family, CidrBlock[]>;

  constructor(
    private readonly account: DemoAccount,
    seed: number,
  ) {
    const random = Random.derive(seed, 'endpoints');
    this.internetClients = {
      4: repeat(400, () => publicIpv4(random)),
      6: repeat(80, () => publicIpv6(random)),
    };
    this.internetServers = {
      4: repeat(24, () => publicIpv4(random)),
      6: repeat(6, () => publicIpv6(random)),
    };

    const blocks = account.prefixLists
      .flatMap((list) => list.entries.map((entry) => parseCidr(entry.cidr)))
      .filter((block) => block !== undefined);
    this.corpBlocks = {
      4: blocks.filter((block) => block.family === 4),
      6: blocks.filter((block) => block.family === 6),
    };
  }

  /**
   * Draws the server of a connection. Inside the account, clients in the
   * VPCs reach it on any of its addresses; clients outside reach its primary
   * one (behind its public IP).
   */
  drawServer(peer: PathPeer, family: Family, random: Random, fromInside: boolean): Endpoint {
    return this.draw(peer, family, 'server', random, null, (eni) =>
      family === 6 ? random.pick(eni.ipv6) : serverIpv4(eni, fromInside, random),
    );
  }

  /** Draws the client of a connection; inside the account it sends from its primary address. */
  drawClient(peer: PathPeer, family: Family, random: Random, server: Endpoint): Endpoint {
    return this.draw(peer, family, 'client', random, server.eni, (eni) =>
      family === 6 ? random.pick(eni.ipv6) : eni.primaryIpv4,
    );
  }

  private draw(
    peer: PathPeer,
    family: Family,
    side: 'client' | 'server',
    random: Random,
    avoid: DemoInterface | null,
    addressOf: (eni: DemoInterface) => string,
  ): Endpoint {
    if (peer.kind === 'internet') {
      return { address: this.internetAddress(family, side, random), eni: null, origin: 'internet' };
    }
    if (peer.kind === 'corp') {
      return { address: this.corpAddress(family, random), eni: null, origin: 'corp' };
    }

    // A client never talks to its own interface (cache nodes talk among themselves).
    const eni = random.pick(this.interfaces(peer.roles, family).filter((one) => one !== avoid));
    return { address: addressOf(eni), eni, origin: 'account' };
  }

  private interfaces(roles: readonly string[], family: Family): DemoInterface[] {
    const key = `${family} ${roles.join(' ')}`;
    let found = this.candidates.get(key);
    if (found === undefined) {
      found = this.account.interfaces.filter(
        (eni) => roles.includes(eni.role) && (family === 4 || eni.ipv6.length > 0),
      );
      this.candidates.set(key, found);
    }
    return found;
  }

  private internetAddress(family: Family, side: 'client' | 'server', random: Random): string {
    if (side === 'server') return random.pick(this.internetServers[family]);
    if (random.chance(0.6)) return random.pick(this.internetClients[family]);
    return family === 4 ? publicIpv4(random) : publicIpv6(random);
  }

  private corpAddress(family: Family, random: Random): string {
    const block = random.pick(this.corpBlocks[family]);
    const hosts = Math.min(Number(block.last - block.first), MAX_CORP_HOSTS);
    return formatIpAddress({ family, value: block.first + BigInt(random.int(1, hosts - 1)) });
  }
}

function serverIpv4(eni: DemoInterface, fromInside: boolean, random: Random): string {
  if (!fromInside || eni.secondaryIpv4.length === 0 || random.chance(0.5)) return eni.primaryIpv4;
  return random.pick(eni.secondaryIpv4);
}

function repeat<T>(count: number, make: () => T): T[] {
  return Array.from({ length: count }, make);
}

function publicIpv4(random: Random): string {
  const first = random.pick(PUBLIC_FIRST_OCTETS);
  return [first, random.int(0, 255), random.int(0, 255), random.int(1, 254)].join('.');
}

function publicIpv6(random: Random): string {
  let value = BigInt(random.pick(PUBLIC_IPV6_PREFIXES));
  for (let i = 0; i < 7; i++) value = (value << 16n) | BigInt(random.int(0, 0xffff));
  return formatIpAddress({ family: 6, value });
}
