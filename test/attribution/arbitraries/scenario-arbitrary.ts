/**
 * Random scenarios for the engine-versus-oracle property: an inventory, up to
 * 40 records, analysis options, and how the records are written to disk.
 */
import fc from 'fast-check';

import type { FlowLogField } from '../../../src/flow-logs/flow-log-fields.js';
import type { FlowRecord } from '../../../src/flow-logs/flow-record.js';
import type { AnalysisOptions, FileLayout, Scenario } from '../runners.js';
import { DEFAULT_FORMAT } from '../../../src/flow-logs/flow-log-fields.js';
import { FULL_FORMAT } from '../runners.js';
import { inventoryArb } from './inventory-arbitrary.js';
import { HOUR, T0, WINDOW_HOURS } from './pools.js';
import { recordsOf, recordsSpecArb } from './record-arbitrary.js';

export function scenarioArb(): fc.Arbitrary<Scenario> {
  return fc
    .record({
      inventory: inventoryArb(),
      records: recordsSpecArb(),
      options: optionsArb(),
      file: fileChoiceArb(),
    })
    .map(({ inventory, records, options, file }) => {
      const all = recordsOf(records, inventory);
      return {
        inventory,
        records: file.plain ? all.map(plainRecord) : all,
        options,
        file: file.layout,
      };
    });
}

export function optionsArb(): fc.Arbitrary<AnalysisOptions> {
  const hour = fc.integer({ min: 0, max: WINDOW_HOURS });
  return fc
    .record({
      since: sometimes(hour),
      until: sometimes(hour),
      staleAfterDays: sometimes(fc.constantFrom(0, 1, 3, 7)),
      ephemeralPorts: sometimes(
        fc.constantFrom({ from: 1024, to: 65535 }, { from: 49152, to: 65535 }),
      ),
    })
    .map(({ since, until, ...rest }) => {
      // analyze insists on since < until.
      const [from, to] =
        since !== undefined && until !== undefined
          ? [Math.min(since, until), Math.max(since, until, Math.min(since, until) + 1)]
          : [since, until];
      return { ...rest, since: dateOf(from), until: dateOf(to) };
    });
}

/** Undefined three times in four: each option is set in a quarter of the runs. */
function sometimes<T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> {
  return fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary });
}

function dateOf(hour: number | undefined): Date | undefined {
  return hour === undefined ? undefined : new Date((T0 + hour * HOUR) * 1000);
}

interface FileChoice {
  /** Without tcp-flags, pkt-* and flow-direction, so that the default format holds the records. */
  readonly plain: boolean;
  readonly layout: FileLayout;
}

/**
 * Records with every field under a header (in AWS's order or shuffled), or
 * plain records in the default format with or without a header; gzipped or
 * not; in one file, or dealt into two in a directory.
 */
function fileChoiceArb(): fc.Arbitrary<FileChoice> {
  const fullFormat = fc.oneof(
    { withCrossShrink: true },
    fc.constant<readonly FlowLogField[]>(FULL_FORMAT),
    fc.shuffledSubarray([...FULL_FORMAT], { minLength: FULL_FORMAT.length }),
  );
  return fc.oneof(
    { withCrossShrink: true },
    fc.record({
      plain: fc.constant(false),
      layout: fc.record({
        fields: fullFormat,
        header: fc.constant(true),
        gzip: fc.boolean(),
        files: fc.integer({ min: 1, max: 2 }),
      }),
    }),
    fc.record({
      plain: fc.constant(true),
      layout: fc.record({
        fields: fc.constant(DEFAULT_FORMAT),
        header: fc.boolean(),
        gzip: fc.boolean(),
        files: fc.integer({ min: 1, max: 2 }),
      }),
    }),
  );
}

function plainRecord(record: FlowRecord): FlowRecord {
  return { ...record, tcpFlags: null, pktSrcaddr: null, pktDstaddr: null, flowDirection: null };
}
