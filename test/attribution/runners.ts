/**
 * The two implementations under comparison, behind one signature: the
 * reference oracle, and the engine (`analyze`) reading the same records from a
 * flow log file. Both return per-rule outcomes keyed by rule id.
 */
import type { FlowLogField } from '../../src/flow-logs/flow-log-fields.js';
import type { FlowRecord } from '../../src/flow-logs/flow-record.js';
import type { Inventory } from '../../src/inventory/inventory.js';
import type { Report } from '../../src/report/report.js';
import type { OracleRule, OracleSummary } from '../oracle/oracle.js';
import { analyze } from '../../src/analyze.js';
import { DEFAULT_FORMAT } from '../../src/flow-logs/flow-log-fields.js';
import { runOracle } from '../oracle/oracle.js';
import { withTempDir, writeFlowLog } from '../oracle/write-flow-log.js';

/** The default format plus every version 3-5 field attribution reads. */
export const FULL_FORMAT: readonly FlowLogField[] = [
  ...DEFAULT_FORMAT,
  'tcp-flags',
  'pkt-srcaddr',
  'pkt-dstaddr',
  'flow-direction',
];

export interface AnalysisOptions {
  readonly since?: Date;
  readonly until?: Date;
  readonly staleAfterDays?: number;
  readonly ephemeralPorts?: { readonly from: number; readonly to: number };
}

/** How the engine gets the records; the oracle reads them directly. */
export interface FileLayout {
  readonly fields?: readonly FlowLogField[];
  readonly header?: boolean;
  readonly gzip?: boolean;
  /** Into how many files (1 by default) the records are dealt; the engine is then given their directory. */
  readonly files?: number;
}

export interface Scenario {
  readonly inventory: Inventory;
  readonly records: readonly FlowRecord[];
  readonly options?: AnalysisOptions;
  readonly file?: FileLayout;
}

export type RuleOutcome = Omit<OracleRule, 'ruleId'>;

export interface Outcome {
  readonly rules: ReadonlyMap<string, RuleOutcome>;
  readonly summary: OracleSummary;
  /** Unix seconds. */
  readonly window: { readonly from: number | null; readonly to: number | null };
}

export type Runner = (scenario: Scenario) => Promise<Outcome>;

export const viaOracle: Runner = async (scenario) => {
  const result = runOracle({
    inventory: scenario.inventory,
    records: scenario.records,
    ...scenario.options,
  });
  const rules = new Map(result.rules.map(({ ruleId, ...outcome }) => [ruleId, outcome]));
  return { rules, summary: result.summary, window: result.window };
};

export const viaEngine: Runner = async (scenario) => {
  const { files = 1, ...layout } = scenario.file ?? {};
  const report = await withTempDir(async (dir) => {
    const paths = await Promise.all(
      Array.from({ length: files }, (_, part) =>
        writeFlowLog(
          dir,
          scenario.records.filter((_, i) => i % files === part),
          { fields: FULL_FORMAT, ...layout, name: `flow-log-${part}` },
        ),
      ),
    );
    return analyze({
      inventory: scenario.inventory,
      flowLogs: files === 1 ? paths : [dir],
      ...scenario.options,
      now: new Date('2024-01-01T00:00:00Z'),
    });
  });
  return outcomeOf(report);
};

function outcomeOf(report: Report): Outcome {
  const rules = new Map(
    report.rules.map((rule) => [
      rule.ruleId,
      {
        hits: rule.hits,
        exclusiveHits: rule.exclusiveHits,
        packets: rule.packets,
        bytes: rule.bytes,
        firstSeen: unixSeconds(rule.firstSeen),
        lastSeen: unixSeconds(rule.lastSeen),
        status: rule.status,
      },
    ]),
  );

  const { records, acceptedRecords, rejectedRecords, malformedRecords } = report.summary;
  const summary = { records, acceptedRecords, rejectedRecords, malformedRecords };
  const window = { from: unixSeconds(report.window.from), to: unixSeconds(report.window.to) };
  return { rules, summary, window };
}

function unixSeconds(iso: string | null): number | null {
  return iso === null ? null : Date.parse(iso) / 1000;
}
