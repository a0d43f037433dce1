import type { NarrowingFinding } from '../findings/narrowing-findings.js';
import type { RiskyRuleFinding } from '../findings/risky-findings.js';
import { ADMIN_PORTS, DATABASE_PORTS } from '../findings/risky-findings.js';
import { percentLabel } from '../report/finding-section.js';

/** What a risky rule exposes and to whom: `RDP (3389) open to 0.0.0.0/0`, `all ports open to ::/0`. */
export function riskLabel(finding: RiskyRuleFinding): string {
  return `${exposedLabel(finding)} open to ${finding.cidr}`;
}

function exposedLabel(finding: RiskyRuleFinding): string {
  switch (finding.exposure) {
    case 'all-protocols':
      return 'all traffic';
    case 'all-ports':
      return 'all ports';
    case 'wide-range':
      return `ports ${finding.exposedPorts.join(', ')}`;
    case 'admin':
    case 'database':
      return finding.exposedPorts.map(namedPort).join(', ');
  }
}

function namedPort(port: string): string {
  const name = ADMIN_PORTS.get(Number(port)) ?? DATABASE_PORTS.get(Number(port));
  return name === undefined ? port : `${name} (${port})`;
}

/** `tcp 443 (80%), 8080-8081 (20%)` or `10.0.0.0/23 (64.2%), 10.0.10.0/24 (35.8%)`. */
export function narrowToLabel(finding: NarrowingFinding): string {
  if (finding.target === 'peer') {
    return finding.suggestions
      .map((entry) => `${entry.cidr} (${percentLabel(entry.share)})`)
      .join(', ');
  }

  const ports = finding.suggestions.map((entry) => {
    const range =
      entry.fromPort === entry.toPort ? `${entry.fromPort}` : `${entry.fromPort}-${entry.toPort}`;
    return `${range} (${percentLabel(entry.share)})`;
  });
  return `${finding.protocol} ${ports.join(', ')}`;
}
