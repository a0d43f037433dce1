import { describe, expect, it } from 'vitest';

import type { RuleReport } from '../../src/report/report.js';
import { allowsLabel } from '../../src/report/rule-labels.js';
import { FIXTURE_RULES } from './report-fixture.js';

const base = FIXTURE_RULES[0]!;

describe('allowsLabel', () => {
  it.each([
    ['a TCP port', { fromPort: 443, toPort: 443 }, 'tcp 443 from 0.0.0.0/0'],
    [
      'a UDP range',
      { protocol: 'udp', fromPort: 8000, toPort: 8999 },
      'udp 8000-8999 from 0.0.0.0/0',
    ],
    ['TCP without ports', { fromPort: null, toPort: null }, 'tcp all ports from 0.0.0.0/0'],
    [
      'any ICMP',
      { protocol: 'icmp', fromPort: null, toPort: null, icmpType: -1, icmpCode: -1 },
      'icmp all types from 0.0.0.0/0',
    ],
    [
      'an ICMPv6 type and code',
      { protocol: 'icmpv6', fromPort: null, toPort: null, icmpType: 3, icmpCode: 4 },
      'icmpv6 type 3 code 4 from 0.0.0.0/0',
    ],
    [
      'a protocol number',
      { protocol: '50', fromPort: null, toPort: null },
      'protocol 50 from 0.0.0.0/0',
    ],
    [
      'all traffic to a group',
      {
        direction: 'egress',
        protocol: 'all',
        fromPort: null,
        toPort: null,
        peer: { kind: 'security-group', value: 'sg-0123' },
      },
      'all traffic to sg-0123',
    ],
  ] as const)('describes %s', (_name, fields, expected) => {
    expect(allowsLabel({ ...base, ...fields } as RuleReport)).toBe(expected);
  });
});
