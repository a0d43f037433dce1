import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { attributeFiles } from '../../src/attribution/attribute-files.js';
import type { UsageEvidence } from '../../src/findings/evidence.js';
import { findFlowLogFiles } from '../../src/flow-logs/find-flow-log-files.js';
import type { FlowRecord } from '../../src/flow-logs/flow-record.js';
import { ATTRIBUTION_FIELDS } from '../../src/flow-logs/flow-log-fields.js';
import type { Inventory } from '../../src/inventory/inventory.js';
import { withTempDir, writeFlowLog } from '../oracle/write-flow-log.js';
import { CLIENT, DAY, T0, allOut, eni, flow, inventory, reply, rule } from './fixtures.js';

async function evidenceOf(inv: Inventory, records: readonly FlowRecord[]): Promise<UsageEvidence> {
  return withTempDir(async (dir) => {
    await writeFlowLog(dir, records, { fields: ATTRIBUTION_FIELDS });
    const files = await findFlowLogFiles([dir]);
    const { evidence } = await attributeFiles(inv, files, {
      strict: true,
      tempDir: tmpdir(),
      ephemeralPorts: { from: 32768, to: 65535 },
      evidence: true,
    });
    if (evidence === null) throw new Error('no evidence');
    return evidence;
  });
}

/** A web server with two overlapping HTTPS rules and a wide port range. */
const web = inventory({
  rules: [
    rule('sgr-any', { peer: '0.0.0.0/0' }),
    rule('sgr-corp', { peer: '203.0.113.0/24' }),
    rule('sgr-range', { ports: [8000, 8999] }),
    rule('sgr-v6', { peer: '::/0' }),
    allOut('sgr-out'),
  ],
  interfaces: [eni('eni-1', ['sg-a'], ['10.0.0.10', '2001:db8::10'])],
});

describe('the evidence of an attribution', () => {
  it('keeps hits per rule and day, and coverage per interface and day', async () => {
    const evidence = await evidenceOf(web, [
      flow(),
      reply(flow()),
      flow({ start: T0 + DAY, end: T0 + DAY + 60, srcport: 40001 }),
      flow({ action: 'REJECT', dstport: 22 }),
    ]);

    expect(evidence.daily.filter((d) => d.ruleId === 'sgr-any')).toEqual([
      expect.objectContaining({ day: '2023-11-14', hits: 1, exclusiveHits: 0, firstSeen: T0 }),
      expect.objectContaining({ day: '2023-11-15', hits: 1, exclusiveHits: 0 }),
    ]);
    expect(evidence.daily.some((d) => d.ruleId === 'sgr-out')).toBe(false);
    expect(evidence.coverage).toEqual([
      { interfaceId: 'eni-1', day: '2023-11-14', records: 3 },
      { interfaceId: 'eni-1', day: '2023-11-15', records: 1 },
    ]);
  });

  it('keeps the overlaps that make rules redundant', async () => {
    const evidence = await evidenceOf(web, [flow(), flow({ srcport: 40001 })]);
    expect(evidence.overlaps).toEqual([{ ruleIds: ['sgr-any', 'sgr-corp'], hits: 2 }]);
  });

  it('keeps the server ports and peer networks each rule was used for', async () => {
    const evidence = await evidenceOf(web, [
      flow({ dstport: 8080 }),
      flow({ dstport: 8080, srcport: 40001 }),
      flow({ dstport: 8081, srcaddr: '198.51.100.77' }),
      flow({ srcaddr: '2001:db8:1:2::99', dstaddr: '2001:db8::10' }),
    ]);

    expect(evidence.ports.filter((p) => p.ruleId === 'sgr-range')).toEqual([
      { ruleId: 'sgr-range', protocol: 6, port: 8080, hits: 2 },
      { ruleId: 'sgr-range', protocol: 6, port: 8081, hits: 1 },
    ]);
    expect(evidence.peers.filter((p) => p.ruleId === 'sgr-range')).toEqual([
      { ruleId: 'sgr-range', network: '198.51.100.0/24', hits: 1 },
      { ruleId: 'sgr-range', network: '203.0.113.0/24', hits: 2 },
    ]);
    expect(evidence.peers.filter((p) => p.ruleId === 'sgr-v6')).toEqual([
      { ruleId: 'sgr-v6', network: '2001:db8:1:2::/64', hits: 1 },
    ]);
  });

  it('keeps rejected traffic by peer and port', async () => {
    const evidence = await evidenceOf(web, [
      flow({ action: 'REJECT', dstport: 22 }),
      flow({ action: 'REJECT', dstport: 22, srcport: 40001 }),
      flow({ action: 'REJECT', dstport: 3389 }),
    ]);
    expect(evidence.rejected).toEqual([
      expect.objectContaining({
        interfaceId: 'eni-1',
        direction: 'ingress',
        peer: CLIENT,
        port: 22,
        records: 2,
      }),
      expect.objectContaining({
        peer: CLIENT,
        protocol: 6,
        port: 3389,
        records: 1,
        lastSeen: T0 + 60,
      }),
    ]);
  });
});
