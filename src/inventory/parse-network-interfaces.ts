import type { IpFamily } from '../net/ip-address.js';
import { formatIpAddress, parseIpAddress } from '../net/ip-address.js';
import type { JsonNode } from './json-node.js';
import type { NetworkInterface } from './inventory.js';
import type { Sourced } from './merge-by-id.js';

/**
 * Reads the `NetworkInterfaces` array of `aws ec2 describe-network-interfaces`
 * output: which groups each ENI carries, and every address it has, because a
 * referenced-group rule matches traffic from any of them.
 */
export function parseNetworkInterfaces(list: JsonNode): Sourced<NetworkInterface>[] {
  return list.items().map((node) => {
    const value = parseNetworkInterface(node.object());
    return { id: value.interfaceId, node, value };
  });
}

function parseNetworkInterface(node: JsonNode): NetworkInterface {
  return {
    interfaceId: node.field('NetworkInterfaceId').string(),
    vpcId: node.field('VpcId').optionalString() ?? null,
    groupIds: unique(
      node
        .field('Groups')
        .optionalItems()
        .map((group) => group.object().field('GroupId').string()),
    ),
    addresses: unique(interfaceAddresses(node)),
    description: node.field('Description').optionalString() ?? null,
  };
}

/**
 * The primary private IPv4 address, the secondary ones, then the IPv6 ones.
 * `PrivateIpAddress` repeats the primary entry of `PrivateIpAddresses`; it is
 * read too because some exports (made with `--query`) keep only it.
 */
function interfaceAddresses(node: JsonNode): string[] {
  const primary = node.field('PrivateIpAddress');
  const privateAddresses = node
    .field('PrivateIpAddresses')
    .optionalItems()
    .map((entry) => entry.object().field('PrivateIpAddress'));
  const ipv6Addresses = node
    .field('Ipv6Addresses')
    .optionalItems()
    .map((entry) => entry.object().field('Ipv6Address'));

  return [
    ...(primary.isAbsent() ? [] : [parseAddressField(primary, 4)]),
    ...privateAddresses.map((address) => parseAddressField(address, 4)),
    ...ipv6Addresses.map((address) => parseAddressField(address, 6)),
  ];
}

/** Canonical text, so that flow log addresses compare equal however AWS spelled them. */
function parseAddressField(node: JsonNode, family: IpFamily): string {
  const address = parseIpAddress(node.string().trim());
  if (address === undefined || address.family !== family) {
    throw node.error(`an IPv${family} address`);
  }
  return formatIpAddress(address);
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
