import { beforeAll, describe, expect, it } from 'vitest';

import type { FindingKind } from '../../src/findings/findings.js';
import type { StoredReport } from '../../src/pipeline/stored-report.js';
import { formatJson } from '../../src/report/format-json.js';
import { formatMarkdown } from '../../src/report/format-markdown.js';
import { formatTable } from '../../src/report/format-table.js';
import { demoStoredReport } from './demo-stored-report.js';
import { FINDING_KINDS, storedFixtureReport } from './findings-fixture.js';
import { reportSchema, validateReport } from './report-validator.js';

let stored: StoredReport;

beforeAll(async () => {
  stored = await demoStoredReport();
});

type Json = Record<string, unknown>;

/** A report as plain JSON, as a script reads it. */
const asJson = (report: object): Json => JSON.parse(formatJson(report as StoredReport)) as Json;

/** The report's findings of one kind, as plain JSON. */
const itemsOf = (report: Json, kind: FindingKind) =>
  (report.findings as Record<FindingKind, Json[]>)[kind];

/** The `required` list of the schema object at a path of keys. */
function requiredAt(...keys: string[]): string[] {
  const node = keys.reduce<unknown>((object, key) => (object as Json)[key], reportSchema);
  return [...(node as { required: string[] }).required].sort();
}

const keys = (value: object) => Object.keys(value).sort();

const DEFS: Readonly<Record<FindingKind, string>> = {
  stale: 'staleFinding',
  unobserved: 'unobservedFinding',
  unattached: 'unattachedFinding',
  redundant: 'redundantFinding',
  shadowed: 'shadowedFinding',
  narrowing: 'narrowingFinding',
  risky: 'riskyFinding',
  cadence: 'cadenceFinding',
  rejected: 'rejectedFinding',
};

describe('schema/report.schema.json for reports from the store', () => {
  it('accepts a real StoredReport from the demo pipeline', () => {
    const report = asJson(stored);
    const kinds = FINDING_KINDS.filter((kind) => itemsOf(report, kind).length > 0);

    expect(kinds).toEqual(expect.arrayContaining(['stale', 'unattached', 'narrowing', 'rejected']));
    expect(stored.daily.length).toBeGreaterThan(0);
    expect(validateReport(report)).toEqual([]);
  });

  it('accepts the fixture with a finding of every kind', () => {
    expect(validateReport(asJson(storedFixtureReport()))).toEqual([]);
  });

  it('still accepts a report without findings and daily history', () => {
    const report = asJson(stored);
    delete report.findings;
    delete report.daily;

    expect(validateReport(report)).toEqual([]);
  });

  it('requires every field of the finding types, and only those', () => {
    const { findings, daily } = storedFixtureReport();
    const [peer, port] = findings?.narrowing ?? [];
    const [stale] = findings?.stale ?? [];
    const [rejected] = findings?.rejected ?? [];
    if (!port || !peer || !stale || !rejected || !daily?.[0]) throw new Error('fixture');

    for (const kind of FINDING_KINDS.filter((k) => k !== 'narrowing')) {
      const first = findings?.[kind][0];
      expect(requiredAt('$defs', DEFS[kind])).toEqual(keys(first ?? {}));
    }
    expect(requiredAt('$defs', 'peerNarrowingFinding')).toEqual(keys(peer));
    expect(requiredAt('$defs', 'portNarrowingFinding')).toEqual(keys(port));
    expect(requiredAt('$defs', 'findings')).toEqual([...FINDING_KINDS].sort());
    expect(requiredAt('$defs', 'dailyRuleUsage')).toEqual(keys(daily[0]));
    expect(
      [
        ...requiredAt('$defs', 'lastUseEvidence'),
        ...requiredAt('$defs', 'staleFinding', 'properties', 'evidence'),
      ].sort(),
    ).toEqual(keys(stale.evidence));
  });

  it.each(FINDING_KINDS)('rejects a %s finding without a required field', (kind) => {
    const report = asJson(storedFixtureReport());
    const [first] = itemsOf(report, kind);
    if (first === undefined) throw new Error('fixture');
    const field = kind === 'unattached' || kind === 'rejected' ? 'groupName' : 'ruleId';
    delete first[field];

    const errors = validateReport(report);
    expect(errors.map((error) => error.keyword)).toContain('required');
  });

  it.each([
    ['stale', 'evidence'],
    ['unattached', 'ruleIds'],
    ['narrowing', 'suggestions'],
    ['rejected', 'topPeers'],
  ] as const)('rejects a real %s finding without %s', (kind, field) => {
    const report = asJson(stored);
    const [first] = itemsOf(report, kind);
    if (first === undefined) throw new Error(`the demo has no ${kind} finding`);
    delete first[field];

    expect(validateReport(report).map((error) => error.keyword)).toContain('required');
  });

  it.each([
    ['an unknown exposure', ['findings', 'risky', 0, 'exposure'], 'ssh', 'enum'],
    ['an unknown rejected scope', ['findings', 'rejected', 0, 'scope'], 'vpc', 'enum'],
    ['an unknown narrowing target', ['findings', 'narrowing', 0, 'target'], 'protocol', 'const'],
    ['a share over 1', ['findings', 'narrowing', 0, 'suggestions', 0, 'share'], 1.5, 'maximum'],
    ['a day that is not YYYY-MM-DD', ['daily', 0, 'day'], '2024-5-30', 'pattern'],
    [
      'a cadence day with a time',
      ['findings', 'cadence', 0, 'lastUse'],
      '2024-05-27T00:00:00Z',
      'pattern',
    ],
    ['first seen as ISO text', ['daily', 0, 'firstSeen'], '2024-05-30T00:00:00Z', 'type'],
    ['findings without a kind', ['findings', 'cadence'], undefined, 'required'],
    ['daily history as an object', ['daily'], {}, 'type'],
  ] as const)('rejects %s', (_name, path, value, keyword) => {
    const report = asJson(storedFixtureReport());
    const parent = path
      .slice(0, -1)
      .reduce<unknown>((node, key) => (node as Json)[key], report) as Json;
    const key = path[path.length - 1] ?? '';
    if (value === undefined) delete parent[key];
    else parent[key] = value;

    expect(validateReport(report).map((error) => error.keyword)).toContain(keyword);
  });
});

describe('the table and Markdown of a real StoredReport', () => {
  it('show its findings, without control characters', () => {
    const table = formatTable(stored, { color: false, width: 100 });
    const markdown = formatMarkdown(stored);

    expect(table).toContain('\nFindings\n');
    expect(markdown).toContain('\n## Findings\n');
    expect(table).toContain('\nStale (');
    expect(markdown).toContain('\n### Stale\n');
    // eslint-disable-next-line no-control-regex -- any control character but the line feed
    expect(`${table}${markdown}`).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  });
});
