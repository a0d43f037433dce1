import type { RiskyRuleFinding } from '../findings/risky-findings.js';
import { ADMIN_PORTS, DATABASE_PORTS } from '../findings/risky-findings.js';

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
