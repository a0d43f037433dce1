/**
 * What the demo is built to show, rule by rule, so that tests and docs can
 * rely on it: an analysis of the demo's 7 days must find exactly these
 * verdicts, and a finding of every kind. Rules are named by their group's
 * spec key, direction, protocol, ports and peer as the spec writes it
 * (`sg:<key>`, `pl:corp`, or a CIDR).
 */

import type { DemoAccount, DemoRule } from './demo-account.js';
import { GROUP_SPECS } from './demo-account-spec.js';

export interface StoryRule {
  readonly group: string;
  readonly direction: 'ingress' | 'egress';
  readonly ipProtocol: string;
  readonly fromPort: number;
  readonly toPort: number;
  readonly peer: string;
}

const tcpIn = (group: string, port: number, peer: string): StoryRule => ({
  group,
  direction: 'ingress',
  ipProtocol: 'tcp',
  fromPort: port,
  toPort: port,
  peer,
});

export const DEMO_STORY = {
  /** Allowed, never used, on interfaces that the logs cover. */
  stale: [
    tcpIn('prod-app', 3389, '0.0.0.0/0'),
    tcpIn('prod-web-alb', 8443, '10.0.0.0/8'),
    tcpIn('shared-file-transfer', 21, '10.0.0.0/8'),
    // staging has no IPv6 addresses, so nothing can use it
    tcpIn('staging-web', 443, '::/0'),
  ],

  /** Used on the first day only: stale with `--stale-after N` for N from 1 to 5 over 7 days. */
  usedOnlyOnTheFirstDay: [tcpIn('prod-db', 5432, 'sg:prod-bastion')],

  /** Groups whose only interface (a stopped instance's) never appears in the logs. */
  unobservedGroups: ['staging-reports'],

  /** Groups attached to no interface: both default groups outside staging, and an old one. */
  unattachedGroups: ['prod-default', 'shared-default', 'legacy-jenkins'],

  /** Used, but every hit is also allowed by another rule on the same interface. */
  redundant: [
    // 443 from 0.0.0.0/0 in the same group allows the same traffic
    tcpIn('prod-web-alb', 443, '10.0.0.0/8'),
    // the same rule as prod-monitoring-agent's, which is attached to the same interfaces
    tcpIn('prod-app', 9100, '10.2.10.0/24'),
    // staging-default's egress rule is attached to the same interfaces
    {
      group: 'staging-app',
      direction: 'egress',
      ipProtocol: '-1',
      fromPort: -1,
      toPort: -1,
      peer: '0.0.0.0/0',
    },
  ],

  /** A wide port range of which only a few ports carry traffic. */
  narrowable: [
    {
      rule: {
        group: 'prod-app',
        direction: 'ingress',
        ipProtocol: 'tcp',
        fromPort: 8000,
        toPort: 8999,
        peer: '10.2.0.0/16',
      },
      usedPorts: [8080, 8081],
    },
  ],

  /**
   * Used by a job every other night (02:00 UTC on days 1, 3 and 5 of 7): a
   * cadence, not overdue at the window's end. Its last use is older than a
   * day, yet it stays used with `--stale-after 1`: it awaits its next run.
   */
  periodic: [{ rule: tcpIn('prod-db', 5432, '10.2.11.0/24'), intervalDays: 2 }],
} as const satisfies {
  stale: readonly StoryRule[];
  usedOnlyOnTheFirstDay: readonly StoryRule[];
  unobservedGroups: readonly string[];
  unattachedGroups: readonly string[];
  redundant: readonly StoryRule[];
  narrowable: readonly { rule: StoryRule; usedPorts: readonly number[] }[];
  periodic: readonly { rule: StoryRule; intervalDays: number }[];
};

/** The demo account's rule that a story entry names. */
export function findStoryRule(account: DemoAccount, story: StoryRule): DemoRule {
  const index = GROUP_SPECS.find((spec) => spec.key === story.group)?.rules.findIndex(
    (rule) =>
      rule.direction === story.direction &&
      rule.ipProtocol === story.ipProtocol &&
      rule.fromPort === story.fromPort &&
      rule.toPort === story.toPort &&
      rule.peer === story.peer,
  );
  const group = account.groups.find((candidate) => candidate.key === story.group);
  const rule = index === undefined ? undefined : group?.rules[index];
  if (rule === undefined) {
    throw new RangeError(`The demo account has no rule ${JSON.stringify(story)}`);
  }
  return rule;
}
