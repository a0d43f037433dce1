import type { CidrBlock } from '../net/ip-address.js';
import { formatCidr, parseCidr } from '../net/ip-address.js';
import { compareText } from './findings.js';

/** A network and the hits seen from (or to) it. */
export interface NetworkHits {
  readonly cidr: string;
  readonly hits: number;
}

interface Block {
  readonly block: CidrBlock;
  readonly hits: number;
}

/**
 * The fewest CIDRs that cover exactly the networks seen, no more: a network
 * inside another one seen is folded into it, and two sibling halves of a
 * block (10.0.0.0/24 and 10.0.1.0/24) become the block (10.0.0.0/23), as
 * often as that applies. Any other merge would allow addresses nobody used.
 * Networks that are not CIDRs of `family` inside `within` are left out.
 */
export function mergeNetworks(networks: readonly NetworkHits[], within: CidrBlock): NetworkHits[] {
  const blocks = networks.flatMap((network) => {
    const block = parseCidr(network.cidr);
    return block !== undefined && inside(block, within) ? [{ block, hits: network.hits }] : [];
  });

  return mergeSiblings(foldContained(blocks))
    .sort((a, b) => compareBlocks(a.block, b.block))
    .map(({ block, hits }) => ({ cidr: formatCidr(block), hits }));
}

function inside(block: CidrBlock, within: CidrBlock): boolean {
  return block.family === within.family && within.first <= block.first && block.last <= within.last;
}

/** Widest first, so that each block is folded into the first kept block containing it. */
function foldContained(blocks: readonly Block[]): Block[] {
  const sorted = [...blocks].sort((a, b) => a.block.prefixLength - b.block.prefixLength);
  const kept: Block[] = [];

  for (const entry of sorted) {
    const index = kept.findIndex((outer) => inside(entry.block, outer.block));
    const outer = kept[index];
    if (outer === undefined) kept.push(entry);
    else kept[index] = { block: outer.block, hits: outer.hits + entry.hits };
  }
  return kept;
}

/**
 * Merges sibling pairs from the longest prefix up, so that two merged /23s
 * can merge again into a /22. The blocks do not overlap (see `foldContained`),
 * so a merged block never overlaps another either.
 */
function mergeSiblings(blocks: readonly Block[]): Block[] {
  const byKey = new Map(blocks.map((entry) => [keyOf(entry.block), entry]));
  const lengths = [...new Set(blocks.map((entry) => entry.block.prefixLength))];
  const longest = Math.max(0, ...lengths);

  for (let length = longest; length > 0; length--) {
    for (const entry of [...byKey.values()]) {
      if (entry.block.prefixLength !== length || !byKey.has(keyOf(entry.block))) continue;
      const sibling = byKey.get(keyOf(siblingOf(entry.block)));
      if (sibling === undefined) continue;

      byKey.delete(keyOf(entry.block));
      byKey.delete(keyOf(sibling.block));
      const parent = parentOf(entry.block);
      byKey.set(keyOf(parent), { block: parent, hits: entry.hits + sibling.hits });
    }
  }
  return [...byKey.values()];
}

function siblingOf(block: CidrBlock): CidrBlock {
  const size = block.last - block.first + 1n;
  const first = block.first ^ size;
  return { ...block, first, last: first + size - 1n };
}

function parentOf(block: CidrBlock): CidrBlock {
  const size = (block.last - block.first + 1n) * 2n;
  const first = block.first & ~(size - 1n);
  return {
    family: block.family,
    prefixLength: block.prefixLength - 1,
    first,
    last: first + size - 1n,
  };
}

function keyOf(block: CidrBlock): string {
  return `${block.family}/${block.prefixLength}/${block.first}`;
}

function compareBlocks(a: CidrBlock, b: CidrBlock): number {
  if (a.family !== b.family) return a.family - b.family;
  if (a.first !== b.first) return a.first < b.first ? -1 : 1;
  return a.prefixLength - b.prefixLength || compareText(keyOf(a), keyOf(b));
}
