import type { Direction } from '../inventory/inventory.js';

export type FlowAction = 'ACCEPT' | 'REJECT';

/**
 * `OK` records carry a flow. `NODATA` (no traffic in the capture window) and
 * `SKIPDATA` (records skipped during the window) carry none, but show that the
 * interface is covered by logging.
 */
export type LogStatus = 'OK' | 'NODATA' | 'SKIPDATA';

/**
 * One flow log record with the fields attribution reads; null where the
 * record shows `-` or the format lacks the field. Used to write flow logs (the
 * demo, the tests) and by the reference oracle; the engine itself never holds
 * records in JavaScript.
 */
export interface FlowRecord {
  readonly interfaceId: string | null;
  readonly srcaddr: string | null;
  readonly dstaddr: string | null;
  readonly srcport: number | null;
  readonly dstport: number | null;
  readonly protocol: number | null;
  readonly packets: number | null;
  readonly bytes: number | null;
  /** Unix seconds. */
  readonly start: number | null;
  readonly end: number | null;
  readonly action: FlowAction | null;
  readonly logStatus: LogStatus | null;
  readonly tcpFlags: number | null;
  readonly pktSrcaddr: string | null;
  readonly pktDstaddr: string | null;
  readonly flowDirection: Direction | null;
}
