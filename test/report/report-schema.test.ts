import { describe, expect, it } from 'vitest';

import { formatJson } from '../../src/report/format-json.js';
import { fixtureReport, emptyReport } from './report-fixture.js';
import { isDateTime, reportSchema, validateReport } from './report-validator.js';

type Path = readonly (string | number)[];

/** The fixture as plain JSON, edited at one path. */
function edited(
  path: Path,
  edit: (parent: Record<string | number, unknown>, key: string | number) => void,
) {
  const report: unknown = JSON.parse(formatJson(fixtureReport()));
  const parent = path
    .slice(0, -1)
    .reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], report);
  edit(parent as Record<string | number, unknown>, path[path.length - 1] ?? '');
  return report;
}

const set = (path: Path, value: unknown) =>
  edited(path, (parent, key) => {
    parent[key] = value;
  });

const remove = (path: Path) =>
  edited(path, (parent, key) => {
    delete parent[key];
  });

/** The `required` list of the schema object at a JSON pointer-ish path of keys. */
function requiredAt(...keys: string[]): string[] {
  const node = keys.reduce<unknown>(
    (object, key) => (object as Record<string, unknown>)[key],
    reportSchema,
  );
  return [...(node as { required: string[] }).required].sort();
}

describe('schema/report.schema.json', () => {
  it('accepts the fixture report', () => {
    expect(validateReport(fixtureReport())).toEqual([]);
  });

  it('accepts a report without rules and with an open window', () => {
    expect(validateReport(emptyReport())).toEqual([]);
  });

  it('accepts what formatJson writes', () => {
    expect(validateReport(JSON.parse(formatJson(fixtureReport())))).toEqual([]);
    expect(validateReport(JSON.parse(formatJson(emptyReport())))).toEqual([]);
  });

  it('requires every field of the Report type, and only those', () => {
    const report = fixtureReport();
    const rule = report.rules[0];
    const group = report.groups[0];
    const skipped = report.sources.skipped[0];
    if (rule === undefined || group === undefined || skipped === undefined)
      throw new Error('fixture');

    const keys = (value: object) => Object.keys(value).sort();
    expect(requiredAt()).toEqual(keys(report));
    expect(requiredAt('properties', 'window')).toEqual(keys(report.window));
    expect(requiredAt('$defs', 'summary')).toEqual(keys(report.summary));
    expect(requiredAt('$defs', 'rule')).toEqual(keys(rule));
    expect(requiredAt('$defs', 'rule', 'properties', 'peer')).toEqual(keys(rule.peer));
    expect(requiredAt('$defs', 'group')).toEqual(keys(group));
    expect(requiredAt('$defs', 'sources')).toEqual(keys(report.sources));
    expect(requiredAt('$defs', 'sources', 'properties', 'skipped', 'items')).toEqual(keys(skipped));
  });

  it.each([
    ['a field added at the top level', set(['producer'], 'stale-sg 0.2.0')],
    ['a field added to a rule', set(['rules', 0, 'risk'], 'high')],
    ['a field added to a peer', set(['rules', 0, 'peer', 'ownerId'], '123456789012')],
    ['a field added to the summary', set(['summary', 'redundant'], 1)],
    ['a time zone offset', set(['rules', 0, 'lastSeen'], '2024-05-31T02:00:00+02:00')],
  ])('accepts %s (fields may be added)', (_name, report) => {
    expect(validateReport(report)).toEqual([]);
  });

  it.each([
    ['a rule without hits', remove(['rules', 0, 'hits']), 'required'],
    ['a rule without lastSeen', remove(['rules', 0, 'lastSeen']), 'required'],
    ['a window without its end', remove(['window', 'to']), 'required'],
    ['a summary without malformedRecords', remove(['summary', 'malformedRecords']), 'required'],
    ['a report without sources', remove(['sources']), 'required'],
    ['an unknown rule status', set(['rules', 0, 'status'], 'dormant'), 'enum'],
    ['an unknown group status', set(['groups', 0, 'status'], 'orphaned'), 'enum'],
    ['an unknown direction', set(['rules', 0, 'direction'], 'both'), 'enum'],
    ['an unknown peer kind', set(['rules', 0, 'peer', 'kind'], 'ipv4'), 'enum'],
    ['schema version 2', set(['schemaVersion'], 2), 'const'],
    ['a negative count', set(['summary', 'stale'], -1), 'minimum'],
    ['a fractional hit count', set(['rules', 0, 'hits'], 1.5), 'type'],
    ['hits as a string', set(['rules', 0, 'exclusiveHits'], '3'), 'type'],
    ['a protocol name AWS does not use', set(['rules', 0, 'protocol'], 'sctp'), 'pattern'],
    ['a protocol number over 255', set(['rules', 0, 'protocol'], '256'), 'pattern'],
    ['a port over 65535', set(['rules', 0, 'toPort'], 65536), 'maximum'],
    ['a null group name', set(['rules', 0, 'groupName'], null), 'type'],
    ['a null generatedAt', set(['generatedAt'], null), 'type'],
    ['a date that is not ISO 8601', set(['rules', 0, 'lastSeen'], '31/05/2024'), 'format'],
    ['a date without a time zone', set(['window', 'from'], '2024-05-01T00:00:00'), 'format'],
    ['derived as a string', set(['rules', 0, 'derived'], 'false'), 'type'],
  ])('rejects %s', (_name, report, keyword) => {
    const errors = validateReport(report);
    expect(errors.map((error) => error.keyword)).toContain(keyword);
  });

  it.each([
    ['2024-05-31T00:00:00Z', true],
    ['2024-05-31T00:00:00.123Z', true],
    ['2024-05-31T00:00:00-05:00', true],
    ['2024-05-31', false],
    ['2024-13-31T00:00:00Z', false],
    ['yesterday', false],
  ])('checks date-time %s', (value, valid) => {
    expect(isDateTime(value)).toBe(valid);
  });
});
