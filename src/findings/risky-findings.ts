import type { SecurityGroupRule } from '../inventory/inventory.js';
import { ALL_PROTOCOLS } from '../inventory/protocol.js';
import { parseCidr } from '../net/ip-address.js';
import type { RuleReport, RuleStatus } from '../report/report.js';
import type { FindingRule, FindingsInput } from './findings.js';
import { compareText, findingRule } from './findings.js';
import type { PortRange } from './rule-label.js';
import { ALL_PORTS, portRangeLabel, rulePorts } from './rule-label.js';

/** What an open rule exposes to the whole internet, worst first. */
export type Exposure = 'all-protocols' | 'all-ports' | 'admin' | 'database' | 'wide-range';

/** Remote administration: a shell or a desktop for whoever gets the password. */
export const ADMIN_PORTS: ReadonlyMap<number, string> = new Map([
  [22, 'SSH'],
  [23, 'Telnet'],
  [3389, 'RDP'],
  [5900, 'VNC'],
  [5985, 'WinRM'],
  [5986, 'WinRM over HTTPS'],
]);

/** Databases and caches, which internet-wide scanners look for and many ship without auth. */
export const DATABASE_PORTS: ReadonlyMap<number, string> = new Map([
  [1433, 'SQL Server'],
  [1521, 'Oracle'],
  [3306, 'MySQL'],
  [5432, 'PostgreSQL'],
  [5984, 'CouchDB'],
  [6379, 'Redis'],
  [9042, 'Cassandra'],
  [9200, 'Elasticsearch'],
  [11211, 'Memcached'],
  [27017, 'MongoDB'],
]);

/** A port range wider than this is risky when open to everyone, whatever runs on it. */
export const WIDE_RANGE_PORTS = 1000;

const EXPOSURE_SCORE: Readonly<Record<Exposure, number>> = {
  'all-protocols': 50,
  'all-ports': 40,
  admin: 30,
  database: 20,
  'wide-range': 10,
};

/** Added to the score of a rule that traffic shows nobody needs: removing it breaks nothing. */
export const UNUSED_SCORE = 100;

/** An ingress rule open to 0.0.0.0/0 or ::/0 on ports that attackers look for. */
export interface RiskyRuleFinding extends FindingRule {
  readonly cidr: string;
  readonly exposure: Exposure;
  /** Sensitive ports inside the rule's range (`["22", "3306"]`), `["all"]`, or the wide range. */
  readonly exposedPorts: readonly string[];
  readonly reason: string;
  readonly status: RuleStatus;
  readonly hits: number;
  /** Exposure (10 to 50) plus 100 when stale or unattached; higher ranks first. */
  readonly score: number;
}

/**
 * Open ingress rules ranked for action: unused ones first (traffic shows they
 * can go without breaking anything), then by what they expose, then by rule
 * id. Unobserved rules count as used here: the logs cannot tell.
 */
export function riskyFindings(
  input: Pick<FindingsInput, 'inventory' | 'rules'>,
): RiskyRuleFinding[] {
  const reports = new Map(input.rules.map((rule) => [rule.ruleId, rule]));

  return input.inventory.rules
    .flatMap((rule) => {
      const report = reports.get(rule.ruleId);
      const risk = report === undefined ? null : riskOf(rule);
      return report === undefined || risk === null ? [] : [finding(rule, report, risk)];
    })
    .sort((a, b) => b.score - a.score || compareText(a.ruleId, b.ruleId));
}

interface Risk {
  readonly exposure: Exposure;
  readonly exposedPorts: readonly string[];
  readonly reason: string;
}

function riskOf(rule: SecurityGroupRule): Risk | null {
  if (rule.direction !== 'ingress' || !isOpenToAll(rule)) return null;
  if (rule.protocol === ALL_PROTOCOLS) {
    return { exposure: 'all-protocols', exposedPorts: ['all'], reason: 'all traffic' };
  }

  const ports = rulePorts(rule);
  return ports === null ? null : portRisk(ports);
}

function isOpenToAll(rule: SecurityGroupRule): boolean {
  if (rule.peer.kind !== 'cidr4' && rule.peer.kind !== 'cidr6') return false;
  return parseCidr(rule.peer.value)?.prefixLength === 0;
}

function portRisk(ports: PortRange): Risk | null {
  if (ports.from === ALL_PORTS.from && ports.to === ALL_PORTS.to) {
    return { exposure: 'all-ports', exposedPorts: ['all'], reason: 'all ports' };
  }

  const admin = namedPortsIn(ports, ADMIN_PORTS);
  const database = namedPortsIn(ports, DATABASE_PORTS);
  const sensitive = [...admin, ...database].sort((a, b) => a.port - b.port);
  const exposedPorts = sensitive.map((entry) => String(entry.port));
  const named = sensitive.map((entry) => `${entry.name} (${entry.port})`).join(', ');

  if (admin.length > 0) return { exposure: 'admin', exposedPorts, reason: named };
  if (database.length > 0) return { exposure: 'database', exposedPorts, reason: named };
  if (ports.to - ports.from + 1 > WIDE_RANGE_PORTS) {
    const label = portRangeLabel(ports);
    return { exposure: 'wide-range', exposedPorts: [label], reason: `ports ${label}` };
  }
  return null;
}

function namedPortsIn(
  range: PortRange,
  names: ReadonlyMap<number, string>,
): { port: number; name: string }[] {
  return [...names]
    .filter(([port]) => port >= range.from && port <= range.to)
    .map(([port, name]) => ({ port, name }));
}

function finding(rule: SecurityGroupRule, report: RuleReport, risk: Risk): RiskyRuleFinding {
  const unused = report.status === 'stale' || report.status === 'unattached';
  const use = unused ? `, ${report.status}: removing it breaks no traffic seen` : '';

  return {
    ...findingRule(report),
    cidr: rule.peer.value,
    exposure: risk.exposure,
    exposedPorts: risk.exposedPorts,
    reason: `${risk.reason} open to ${rule.peer.value}${use}`,
    status: report.status,
    hits: report.hits,
    score: EXPOSURE_SCORE[risk.exposure] + (unused ? UNUSED_SCORE : 0),
  };
}
