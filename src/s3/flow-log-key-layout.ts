/**
 * The S3 key layouts that VPC Flow Logs delivers into, read one path segment
 * at a time so that a listing can stop at a prefix before going deeper:
 *
 * ```
 * [prefix/]AWSLogs/{account}/vpcflowlogs/{region}/yyyy/mm/dd/[hh/]file
 * [prefix/]AWSLogs/aws-account-id={account}/aws-service=vpcflowlogs/aws-region={region}/
 *          year=yyyy/month=mm/day=dd/[hour=hh/]file
 * ```
 *
 * The second is the Hive-compatible form; the hour level is there when the
 * flow log partitions per hour. Dates are UTC.
 * https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-s3-path.html
 */

/** `plain` is AWS's default layout, `hive` the Hive-compatible one. */
export type FlowLogKeyStyle = 'plain' | 'hive';

/** The segment right before the layout: `AWSLogs`, after the destination's optional prefix. */
export const AWS_LOGS_SEGMENT = 'AWSLogs';

/**
 * What the segments after `AWSLogs/` have told so far: a prefix part-way
 * down the layout knows some parts, a whole file path all but the hour.
 */
export interface LayoutPosition {
  /** Known from the account segment on. */
  readonly style: FlowLogKeyStyle | null;
  /** Segments read after `AWSLogs/`: 6 for a day folder, 7 for an hour folder. */
  readonly depth: number;
  readonly account: string | null;
  readonly region: string | null;
  readonly year: number | null;
  /** 1 to 12. */
  readonly month: number | null;
  readonly day: number | null;
  readonly hour: number | null;
}

/** The parts of a flow log file's key, from its folders. */
export interface FlowLogKeyParts {
  readonly style: FlowLogKeyStyle;
  readonly account: string;
  readonly region: string;
  /** `yyyy-mm-dd`, UTC. */
  readonly day: string;
  /** 0 to 23 with per-hour partitions, else null. */
  readonly hour: number | null;
}

/** The position of the `AWSLogs/` folder itself: nothing known yet. */
export const AWS_LOGS_POSITION: LayoutPosition = {
  style: null,
  depth: 0,
  account: null,
  region: null,
  year: null,
  month: null,
  day: null,
  hour: null,
};

/** Depth of a day folder: account, service, region, year, month, day. */
const DAY_DEPTH = 6;

interface Level {
  readonly plain: RegExp;
  readonly hive: RegExp;
  /** The position one level down, or null when the value is out of range. */
  readonly read: (value: string, at: LayoutPosition) => LayoutPosition | null;
}

const LEVELS: readonly Level[] = [
  {
    plain: /^(\d{12})$/,
    hive: /^aws-account-id=(\d{12})$/,
    read: (value, at) => ({ ...at, account: value }),
  },
  {
    // Other services (CloudTrail, ELB) deliver beside flow logs under the same account folder.
    plain: /^(vpcflowlogs)$/,
    hive: /^aws-service=(vpcflowlogs)$/,
    read: (_value, at) => at,
  },
  {
    plain: /^([a-z0-9-]+)$/,
    hive: /^aws-region=([a-z0-9-]+)$/,
    read: (value, at) => ({ ...at, region: value }),
  },
  {
    plain: /^(\d{4})$/,
    hive: /^year=(\d{4})$/,
    read: (value, at) => ({ ...at, year: Number(value) }),
  },
  {
    plain: /^(\d{2})$/,
    hive: /^month=(\d{2})$/,
    read: (value, at) => (inRange(Number(value), 1, 12) ? { ...at, month: Number(value) } : null),
  },
  {
    plain: /^(\d{2})$/,
    hive: /^day=(\d{2})$/,
    read: (value, at) => (isDate(at, Number(value)) ? { ...at, day: Number(value) } : null),
  },
  {
    plain: /^(\d{2})$/,
    hive: /^hour=(\d{2})$/,
    read: (value, at) => (inRange(Number(value), 0, 23) ? { ...at, hour: Number(value) } : null),
  },
];

/**
 * The position one folder further down, or null when `segment` does not
 * belong there in the position's layout (or in either, right under
 * `AWSLogs/`).
 */
export function advance(at: LayoutPosition, segment: string): LayoutPosition | null {
  const level = LEVELS[at.depth];
  if (level === undefined) return null;

  const styles: readonly FlowLogKeyStyle[] = at.style === null ? ['plain', 'hive'] : [at.style];
  for (const style of styles) {
    const value = level[style].exec(segment)?.[1];
    if (value === undefined) continue;
    const next = level.read(value, at);
    return next === null ? null : { ...next, style, depth: at.depth + 1 };
  }
  return null;
}

/** `advance` over several folders; null as soon as one does not fit. */
export function advanceAll(at: LayoutPosition, segments: readonly string[]): LayoutPosition | null {
  let position: LayoutPosition | null = at;
  for (const segment of segments) {
    if (position === null) return null;
    position = advance(position, segment);
  }
  return position;
}

/** Whether files belong here: in a day folder, or an hour folder below one. */
export function isFileFolder(at: LayoutPosition): boolean {
  return at.depth >= DAY_DEPTH;
}

/**
 * The parts of a flow log file's key, found from its last `AWSLogs` folder
 * on; null for keys in neither layout, and for the other services that
 * deliver under `AWSLogs/`.
 */
export function parseFlowLogKey(key: string): FlowLogKeyParts | null {
  const position = fileFolderOf(key.split('/').slice(0, -1));
  return position === null ? null : keyPartsOf(position);
}

/**
 * The position of the day or hour folder that a file's folders end in,
 * counted from the last `AWSLogs` folder that starts a whole layout path.
 */
export function fileFolderOf(folders: readonly string[]): LayoutPosition | null {
  for (let index = folders.length - 1; index >= 0; index--) {
    if (folders[index] !== AWS_LOGS_SEGMENT) continue;
    const position = advanceAll(AWS_LOGS_POSITION, folders.slice(index + 1));
    if (position !== null && isFileFolder(position)) return position;
  }
  return null;
}

/** The parts a file in this folder has; null above the day folders. */
export function keyPartsOf(at: LayoutPosition): FlowLogKeyParts | null {
  const { style, account, region, year, month, day } = at;
  if (style === null || account === null || region === null) return null;
  if (year === null || month === null || day === null) return null;
  return { style, account, region, day: isoDay(year, month, day), hour: at.hour };
}

/**
 * The UTC interval [start, end) in ms that the position's date folders
 * cover: a year, a month, a day or an hour; null above the year folders.
 */
export function timeRangeOf(at: LayoutPosition): { start: number; end: number } | null {
  const { year, month, day, hour } = at;
  if (year === null) return null;
  if (month === null) return { start: Date.UTC(year, 0), end: Date.UTC(year + 1, 0) };
  if (day === null) return { start: Date.UTC(year, month - 1), end: Date.UTC(year, month) };
  if (hour === null) {
    return { start: Date.UTC(year, month - 1, day), end: Date.UTC(year, month - 1, day + 1) };
  }
  const start = Date.UTC(year, month - 1, day, hour);
  return { start, end: start + 3_600_000 };
}

function inRange(value: number, from: number, to: number): boolean {
  return value >= from && value <= to;
}

/** A day folder must name a real day: `02/30` is not a delivery folder. */
function isDate(at: LayoutPosition, day: number): boolean {
  if (at.year === null || at.month === null || !inRange(day, 1, 31)) return false;
  return new Date(Date.UTC(at.year, at.month - 1, day)).getUTCMonth() === at.month - 1;
}

function isoDay(year: number, month: number, day: number): string {
  const two = (value: number) => String(value).padStart(2, '0');
  return `${String(year).padStart(4, '0')}-${two(month)}-${two(day)}`;
}
