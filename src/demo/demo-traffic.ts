/**
 * The demo account's traffic, generated hour by hour so that a large scale
 * never holds more than one hour of records in memory.
 */

import { StaleSgError } from '../errors.js';
import { ICMP } from '../inventory/protocol.js';
import { CAPTURE_WINDOW_SECONDS, connectionRecords, statusRecord } from './connection-records.js';
import type { Connection, DemoRecord, Endpoint } from './connection-records.js';
import type { DemoAccount, DemoInterface } from './demo-account.js';
import { DEFAULT_DEMO_SEED } from './demo-account.js';
import { Random } from './random.js';
import { TrafficEndpoints } from './traffic-endpoints.js';
import { PORTS_OPEN_TO_THE_INTERNET, QUIET_ROLES, TRAFFIC_PATHS } from './traffic-paths.js';
import type { TrafficPath } from './traffic-paths.js';

export type { DemoRecord } from './connection-records.js';

/** A fixed end, so that the demo's output never depends on today's date. */
export const DEFAULT_DEMO_END = new Date('2026-11-30T00:00:00Z');
export const DEFAULT_DEMO_DAYS = 7;

export interface TrafficOptions {
  readonly seed?: number;
  readonly days?: number;
  /** Multiplies every connection rate; 1 gives a few tens of thousands of records a week. */
  readonly scale?: number;
  /** The end of the last day; rounded down to the hour. */
  readonly endDate?: Date;
}

export interface TrafficHour {
  /** 0 for the first day of the window. */
  readonly day: number;
  /** Unix seconds of the hour's start. */
  readonly start: number;
  /** Sorted by start time. */
  readonly records: readonly DemoRecord[];
}

/** Connections per hour relative to the mean, by UTC hour: US business hours peak. */
const TIME_OF_DAY = [
  0.9, 0.75, 0.6, 0.5, 0.45, 0.4, 0.4, 0.45, 0.5, 0.6, 0.75, 0.9, 1.05, 1.2, 1.35, 1.5, 1.6, 1.6,
  1.6, 1.55, 1.45, 1.3, 1.15, 1.0,
];

/**
 * Every path that runs all day has at least one connection in this UTC hour,
 * so every rule it uses is used daily.
 */
const GUARANTEED_HOUR = 13;

/** Linux's default ephemeral port range (net.ipv4.ip_local_port_range). */
const EPHEMERAL_PORTS = [32768, 60999] as const;

const HOUR = 3600;
const DAY = 24 * HOUR;

/**
 * Generates the traffic of the demo account, one hour at a time, oldest
 * first. Each hour draws from its own seeded stream, so an hour's records
 * depend only on the seed, the account and the hour.
 */
export function generateTraffic(
  account: DemoAccount,
  options: TrafficOptions = {},
): Generator<TrafficHour> {
  // Checked here rather than in the generator, so that bad options fail at the call.
  return trafficHours(account, trafficSettings(options));
}

function* trafficHours(account: DemoAccount, settings: TrafficSettings): Generator<TrafficHour> {
  const { seed, days, scale, end } = settings;
  const world = worldOf(account, seed);
  const first = end - days * DAY;

  for (let start = first; start < end; start += HOUR) {
    const day = Math.floor((start - first) / DAY);
    yield { day, start, records: hourRecords(world, { seed, scale, day, start }) };
  }
}

/** What every hour draws from. */
interface World {
  readonly endpoints: TrafficEndpoints;
  /** Interfaces that show NODATA when idle. */
  readonly quietInterfaces: readonly DemoInterface[];
  /** Where the rare SKIPDATA record goes. */
  readonly busiestInterface: DemoInterface;
}

function worldOf(account: DemoAccount, seed: number): World {
  const busiestInterface = account.interfaces.find((eni) => eni.role === 'alb');
  if (busiestInterface === undefined) throw new RangeError('The demo account has no load balancer');

  return {
    endpoints: new TrafficEndpoints(account, seed),
    quietInterfaces: account.interfaces.filter((eni) => QUIET_ROLES.includes(eni.role)),
    busiestInterface,
  };
}

interface TrafficSettings {
  readonly seed: number;
  readonly days: number;
  readonly scale: number;
  /** Unix seconds. */
  readonly end: number;
}

function trafficSettings(options: TrafficOptions): TrafficSettings {
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  const days = options.days ?? DEFAULT_DEMO_DAYS;
  const scale = options.scale ?? 1;
  if (!Number.isSafeInteger(seed)) {
    throw new StaleSgError('INVALID_ARGUMENT', `seed: expected a whole number, found ${seed}`);
  }
  if (!Number.isInteger(days) || days < 1) {
    throw new StaleSgError(
      'INVALID_ARGUMENT',
      `days: expected a whole number of 1 or more, found ${days}`,
    );
  }
  if (!(scale > 0) || !Number.isFinite(scale)) {
    throw new StaleSgError('INVALID_ARGUMENT', `scale: expected a number above 0, found ${scale}`);
  }

  const endMillis = (options.endDate ?? DEFAULT_DEMO_END).getTime();
  if (Number.isNaN(endMillis)) {
    throw new StaleSgError('INVALID_ARGUMENT', 'endDate: expected a valid date');
  }
  return { seed, days, scale, end: Math.floor(endMillis / 1000 / HOUR) * HOUR };
}

interface HourContext {
  readonly seed: number;
  readonly scale: number;
  readonly day: number;
  readonly start: number;
}

function hourRecords(world: World, hour: HourContext): DemoRecord[] {
  const random = Random.derive(hour.seed, 'hour', hour.start);
  const clientPorts = new Set<string>();
  const records: DemoRecord[] = [];

  for (const path of TRAFFIC_PATHS) {
    if (!runsInHour(path, hour)) continue;
    const count = connectionCount(path, hour, random);
    for (let i = 0; i < count; i++) {
      const connection = drawConnection(world, path, hour.start, random, clientPorts);
      records.push(...connectionRecords(connection, random));
    }
  }

  records.push(...quietRecords(world, records, hour, random));
  return records.sort((a, b) => (a.record.start ?? 0) - (b.record.start ?? 0));
}

/** Decided before any draw, so that whether a path runs never depends on the seed. */
function runsInHour(path: TrafficPath, hour: HourContext): boolean {
  if (path.firstDayOnly && hour.day !== 0) return false;
  const { schedule } = path;
  if (schedule === null) return true;

  const sinceFirstRun = hour.day - schedule.firstDay;
  return (
    sinceFirstRun >= 0 &&
    sinceFirstRun % schedule.everyDays === 0 &&
    utcHourOf(hour.start) === schedule.utcHour
  );
}

function connectionCount(path: TrafficPath, hour: HourContext, random: Random): number {
  const utcHour = utcHourOf(hour.start);
  const timeOfDay = path.diurnal ? (TIME_OF_DAY[utcHour] ?? 1) : 1;
  const count = random.count(path.perHour * hour.scale * timeOfDay);
  // A scheduled job connects whenever it runs; other paths at least in the guaranteed hour.
  const guaranteed = path.schedule !== null || utcHour === GUARANTEED_HOUR;
  return guaranteed ? Math.max(count, 1) : count;
}

function utcHourOf(start: number): number {
  return Math.floor((start % DAY) / HOUR);
}

function drawConnection(
  world: World,
  path: TrafficPath,
  hourStart: number,
  random: Random,
  clientPorts: Set<string>,
): Connection {
  const fromInside = path.client.kind === 'account';
  const server = world.endpoints.drawServer(path.server, path.family, random, fromInside);
  const client = world.endpoints.drawClient(path.client, path.family, random, server);
  const serverPort = drawServerPort(path, random);
  const clientPort = drawClientPort(path, client, server, serverPort, random, clientPorts);

  const start = hourStart + random.int(0, HOUR - 2);
  const end = Math.min(start + random.int(...path.seconds), hourStart + HOUR - 1);
  const { protocol, action, volume } = path;
  return { protocol, client, server, clientPort, serverPort, start, end, action, volume };
}

function drawServerPort(path: TrafficPath, random: Random): number {
  if (!path.randomPorts || random.chance(0.6)) return random.pick(path.ports);
  for (;;) {
    const port = random.int(1, 65535);
    if (!PORTS_OPEN_TO_THE_INTERNET.includes(port)) return port;
  }
}

/** A fresh ephemeral port per connection, so no two connections share a flow in the hour. */
function drawClientPort(
  path: TrafficPath,
  client: Endpoint,
  server: Endpoint,
  serverPort: number,
  random: Random,
  used: Set<string>,
): number {
  if (path.protocol === ICMP) return 0;
  if (path.clientPort === 'same') return serverPort;
  for (;;) {
    const port = random.int(...EPHEMERAL_PORTS);
    const key = `${client.address} ${server.address} ${serverPort} ${port}`;
    if (used.has(key)) continue;
    used.add(key);
    return port;
  }
}

/**
 * NODATA for idle capture windows of quiet interfaces, and rarely SKIPDATA
 * (AWS skipped records of a window) on a busy one.
 */
function quietRecords(
  world: World,
  records: readonly DemoRecord[],
  hour: HourContext,
  random: Random,
): DemoRecord[] {
  const busy = new Set(
    records.map(({ record }) => `${record.interfaceId} ${windowOf(record.start)}`),
  );
  const status: DemoRecord[] = [];

  for (const eni of world.quietInterfaces) {
    for (let window = hour.start; window < hour.start + HOUR; window += CAPTURE_WINDOW_SECONDS) {
      if (busy.has(`${eni.interfaceId} ${window}`) || !random.chance(0.15)) continue;
      status.push(statusRecord(eni, window, 'NODATA'));
    }
  }

  const forced = hour.day === 0 && hour.start % DAY === 3 * HOUR;
  if (forced || random.chance(0.005)) {
    const window = hour.start + CAPTURE_WINDOW_SECONDS * random.int(0, 5);
    status.push(statusRecord(world.busiestInterface, window, 'SKIPDATA'));
  }
  return status;
}

function windowOf(start: number | null): number {
  return start === null ? 0 : start - (start % CAPTURE_WINDOW_SECONDS);
}
