/**
 * Which records are well formed. The semantics defer to the engine's
 * malformed rules (docs/attribution.md, "Which records count"); these are
 * those rules for records whose values are already typed, so a wrong kind of
 * value (text for a number) cannot occur here, but a value out of range can.
 */
import type { FlowRecord } from '../../src/flow-logs/flow-record.js';
import { parseIpAddress } from '../../src/net/ip-address.js';

/** 9999-12-31T23:59:59Z: later times are malformed (src/flow-logs/record-sql.ts). */
const LAST_SECOND = 253_402_300_799;

/** Values in range, times that do not run backwards, and an OK record with a flow's fields. */
export function hasValidValues(record: FlowRecord): boolean {
  const ranges = [
    inRange(record.srcport, 0, 65535),
    inRange(record.dstport, 0, 65535),
    inRange(record.protocol, 0, 255),
    inRange(record.tcpFlags, 0, 65535),
    inRange(record.packets, 0, Number.MAX_SAFE_INTEGER),
    inRange(record.bytes, 0, Number.MAX_SAFE_INTEGER),
    inRange(record.start, 0, LAST_SECOND),
    inRange(record.end, 0, LAST_SECOND),
  ];
  if (!ranges.every(Boolean)) return false;
  if (record.start !== null && record.end !== null && record.start > record.end) return false;

  // An OK record (or one without log-status) must carry a flow.
  const carriesFlow =
    record.interfaceId !== null &&
    record.srcaddr !== null &&
    record.dstaddr !== null &&
    record.protocol !== null &&
    record.action !== null;
  return logStatusOf(record) !== 'OK' || carriesFlow;
}

/**
 * The addresses the record uses (`pkt-*` where present) parse. The engine
 * checks this after the --since/--until filter, so a record with a bad
 * address outside the window is left out rather than counted as malformed.
 */
export function hasValidAddresses(record: FlowRecord): boolean {
  return parses(record.pktSrcaddr ?? record.srcaddr) && parses(record.pktDstaddr ?? record.dstaddr);
}

/** A null log-status (the field is not in the format) is treated as OK. */
export function logStatusOf(record: FlowRecord): string {
  return record.logStatus ?? 'OK';
}

function inRange(value: number | null, min: number, max: number): boolean {
  return value === null || (Number.isInteger(value) && value >= min && value <= max);
}

function parses(text: string | null): boolean {
  return text === null || parseIpAddress(text) !== undefined;
}
