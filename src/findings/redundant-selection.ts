import type { RuleOverlap } from './evidence.js';
import { compareText } from './findings.js';

/** A rule redundant for the traffic seen, as the selection weighs it. */
export interface RedundantCandidate {
  readonly ruleId: string;
  readonly hits: number;
  /** See `ruleBreadth`: smaller is narrower. */
  readonly breadth: bigint;
}

/** Why a kept rule won over the rules it keeps covered. */
export type KeepCriterion = 'most-hits' | 'narrower' | 'smaller-rule-id' | 'others-revoked';

export interface KeptCandidate {
  readonly ruleId: string;
  /** Revoked rules whose shared requests only this rule still allows. */
  readonly keepsCovered: readonly string[];
  /** Requests in the overlaps that only this rule still allows. */
  readonly requests: number;
  readonly criterion: KeepCriterion;
}

export interface RedundantSelection {
  readonly revoked: readonly string[];
  readonly kept: readonly KeptCandidate[];
}

/**
 * Chooses which redundant rules can go together. Every overlap (a set of
 * rules that allowed the same requests) must keep at least one rule, or the
 * requests it stands for would be refused. Rules are taken from the least
 * worth keeping (fewest hits, then widest, then greatest rule id) and revoked
 * while each of their overlaps still has another rule left; so of rules that
 * are redundant only because of each other, the one with the most hits (then
 * the narrower, then the smaller rule id) stays.
 *
 * `gone` are rules revoked for other reasons, `pinned` rules that must stay
 * (the covers of revoked shadowed rules).
 */
export function selectRedundant(
  candidates: readonly RedundantCandidate[],
  overlaps: readonly RuleOverlap[],
  gone: ReadonlySet<string>,
  pinned: ReadonlySet<string>,
): RedundantSelection {
  const removed = new Set(gone);
  const revoked: string[] = [];
  const blockedBy = new Map<string, RuleOverlap[]>();

  for (const candidate of [...candidates].sort(revokeFirst)) {
    if (removed.has(candidate.ruleId) || pinned.has(candidate.ruleId)) continue;

    const blocking = overlaps.filter(
      (overlap) =>
        overlap.ruleIds.includes(candidate.ruleId) &&
        overlap.ruleIds.every((id) => id === candidate.ruleId || removed.has(id)),
    );
    if (blocking.length > 0) {
      blockedBy.set(candidate.ruleId, blocking);
      continue;
    }
    removed.add(candidate.ruleId);
    revoked.push(candidate.ruleId);
  }

  const byId = new Map(candidates.map((candidate) => [candidate.ruleId, candidate]));
  const kept = [...blockedBy].map(([ruleId, blocking]) =>
    keptCandidate(ruleId, blocking, byId, new Set(revoked)),
  );
  return { revoked, kept };
}

/** Least worth keeping first: fewest hits, then widest, then greatest rule id. */
function revokeFirst(a: RedundantCandidate, b: RedundantCandidate): number {
  if (a.hits !== b.hits) return a.hits - b.hits;
  if (a.breadth !== b.breadth) return a.breadth > b.breadth ? -1 : 1;
  return compareText(b.ruleId, a.ruleId);
}

function keptCandidate(
  ruleId: string,
  blocking: readonly RuleOverlap[],
  byId: ReadonlyMap<string, RedundantCandidate>,
  revokedAsRedundant: ReadonlySet<string>,
): KeptCandidate {
  const others = [...new Set(blocking.flatMap((overlap) => overlap.ruleIds))]
    .filter((id) => id !== ruleId)
    .sort(compareText);
  const rivals = others.flatMap((id) => {
    const rival = byId.get(id);
    return rival !== undefined && revokedAsRedundant.has(id) ? [rival] : [];
  });

  const self = byId.get(ruleId);
  return {
    ruleId,
    keepsCovered: others,
    requests: blocking.reduce((sum, overlap) => sum + overlap.hits, 0),
    criterion: self === undefined ? 'others-revoked' : strongestCriterion(self, rivals),
  };
}

/** The criterion that decided against the closest rival (all rivals lost on some criterion). */
function strongestCriterion(
  self: RedundantCandidate,
  rivals: readonly RedundantCandidate[],
): KeepCriterion {
  if (rivals.length === 0) return 'others-revoked';
  if (rivals.some((rival) => rival.hits === self.hits && rival.breadth === self.breadth)) {
    return 'smaller-rule-id';
  }
  return rivals.some((rival) => rival.hits === self.hits) ? 'narrower' : 'most-hits';
}
