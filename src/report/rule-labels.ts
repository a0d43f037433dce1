import type { Report, RuleReport } from './report.js';
import { stripControl } from './sanitize.js';

/**
 * Short, human labels for the table and Markdown reports. They take report
 * values as they are; callers escape the result for their medium.
 */

/**
 * The ports of a rule: `443`, `8000-8999`, or `all` where the rule does not
 * restrict them. ICMP rules show their type and code instead (`type 8`,
 * `type 3 code 4`), since that is what their range fields hold in the API.
 */
export function portsLabel(rule: RuleReport): string {
  if (rule.protocol === 'icmp' || rule.protocol === 'icmpv6') return icmpLabel(rule);
  if (rule.fromPort === null || rule.toPort === null) return 'all';
  if (rule.fromPort === rule.toPort) return String(rule.fromPort);
  return `${rule.fromPort}-${rule.toPort}`;
}

function icmpLabel(rule: RuleReport): string {
  if (rule.icmpType === null || rule.icmpType === -1) return 'all';
  if (rule.icmpCode === null || rule.icmpCode === -1) return `type ${rule.icmpType}`;
  return `type ${rule.icmpType} code ${rule.icmpCode}`;
}

/**
 * What a rule allows, in one line: `tcp 443 from 0.0.0.0/0`, `all traffic to
 * sg-0123`, `icmp type 8 from 10.0.0.0/8`. The peer is as the report holds it;
 * callers sanitise the result like any account text.
 */
export function allowsLabel(rule: RuleReport): string {
  const towards = rule.direction === 'ingress' ? 'from' : 'to';
  return `${trafficLabel(rule)} ${towards} ${rule.peer.value}`;
}

function trafficLabel(rule: RuleReport): string {
  if (rule.protocol === 'all') return 'all traffic';
  if (/^\d+$/.test(rule.protocol)) return `protocol ${rule.protocol}`;

  const ports = portsLabel(rule);
  if (ports !== 'all') return `${rule.protocol} ${ports}`;
  const icmp = rule.protocol === 'icmp' || rule.protocol === 'icmpv6';
  return `${rule.protocol} ${icmp ? 'all types' : 'all ports'}`;
}

/** `in` or `out`, as short as the table needs it. */
export function directionLabel(rule: Pick<RuleReport, 'direction'>): string {
  return rule.direction === 'ingress' ? 'in' : 'out';
}

/**
 * The group as people know it: `web (sg-0123)`, or only the id when the group
 * has no name of its own (the report names a group missing from the inventory
 * by its id).
 */
export function groupLabel(rule: Pick<RuleReport, 'groupName' | 'groupId'>): string {
  const name = stripControl(rule.groupName).trim();
  const id = stripControl(rule.groupId);
  return name === '' || name === id ? id : `${name} (${id})`;
}

/** The UTC day of an ISO timestamp (`2024-05-31`), or `never` for null. */
export function dayLabel(iso: string | null): string {
  if (iso === null) return 'never';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? stripControl(iso) : date.toISOString().slice(0, 10);
}

/** An ISO timestamp to the minute in UTC (`2024-05-31 00:00 UTC`), or `unknown` for null. */
export function instantLabel(iso: string | null): string {
  return iso === null ? 'unknown' : `${minuteLabel(iso)} UTC`;
}

/** The analysed window (`2024-05-01 00:00 to 2024-05-31 00:00 UTC`), or why there is none. */
export function windowLabel(window: Report['window']): string {
  if (window.from === null && window.to === null) return 'none (no records)';
  return `${minuteLabel(window.from)} to ${minuteLabel(window.to)} UTC`;
}

/** An ISO timestamp to the minute in UTC (`2024-05-31 00:00`), or `unknown` for null. */
function minuteLabel(iso: string | null): string {
  if (iso === null) return 'unknown';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return stripControl(iso);
  return date.toISOString().slice(0, 16).replace('T', ' ');
}

/**
 * A count with thousands separators (`1,234,567`). Not `toLocaleString`: the
 * output should not depend on the ICU data of the Node.js build.
 */
export function countLabel(count: number): string {
  return String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
