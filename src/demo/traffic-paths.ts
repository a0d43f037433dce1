/**
 * Who talks to whom in the demo account, and how much. Each path is a kind of
 * connection; the generator draws its connections hour by hour. The paths are
 * what makes the demo's story: a rule gets hits exactly when some path here
 * uses it, so stale rules are those no path reaches. Most paths run every
 * hour of every day; one runs on a schedule, as a periodic job does.
 */

import type { FlowAction } from '../flow-logs/flow-record.js';
import { ICMP, TCP, UDP } from '../inventory/protocol.js';
import type { DemoRole } from './demo-account-spec.js';

/** One side of a connection: interfaces of the account, or addresses outside it. */
export type PathPeer =
  | { readonly kind: 'account'; readonly roles: readonly DemoRole[] }
  | { readonly kind: 'internet' }
  /** Inside an entry of the corporate prefix list. */
  | { readonly kind: 'corp' };

/** Size of a connection's traffic per capture window. */
export interface Volume {
  readonly packets: readonly [min: number, max: number];
  readonly requestBytesPerPacket: readonly [min: number, max: number];
  readonly responseBytesPerPacket: readonly [min: number, max: number];
}

/**
 * When a periodic job runs: one UTC hour every `everyDays` days, counted
 * from day `firstDay` of the window. It runs whatever the seed draws, with
 * at least one connection each time.
 */
export interface Schedule {
  readonly everyDays: number;
  readonly firstDay: number;
  readonly utcHour: number;
}

export interface TrafficPath {
  readonly name: string;
  readonly client: PathPeer;
  readonly server: PathPeer;
  readonly family: 4 | 6;
  readonly protocol: number;
  /** Server ports, drawn uniformly (repeat one to weigh it); 0 for ICMP. */
  readonly ports: readonly number[];
  /** `ephemeral`: a Linux client port; `same`: the server port (NTP's 123 to 123). */
  readonly clientPort: 'ephemeral' | 'same';
  /** Connections per hour at scale 1, before the time-of-day curve. */
  readonly perHour: number;
  /** Follows the users' day (internet and user-driven traffic) or runs flat. */
  readonly diurnal: boolean;
  readonly seconds: readonly [min: number, max: number];
  readonly volume: Volume;
  readonly action: FlowAction;
  /** Only on the first day of the window: the story of `--stale-after`. */
  readonly firstDayOnly: boolean;
  /** A periodic job's runs; null for a path that runs every hour. */
  readonly schedule: Schedule | null;
  /** Also knocks on random ports, as scanners do (never on {@link PORTS_OPEN_TO_THE_INTERNET}). */
  readonly randomPorts: boolean;
}

const account = (...roles: DemoRole[]): PathPeer => ({ kind: 'account', roles });
const INTERNET: PathPeer = { kind: 'internet' };
const CORP: PathPeer = { kind: 'corp' };

const SHORT = [0, 20] as const;
const KEEPALIVE = [60, 1800] as const;
const POOLED = [900, 3600] as const;
const SESSION = [120, 2400] as const;

const WEB: Volume = {
  packets: [6, 40],
  requestBytesPerPacket: [60, 700],
  responseBytesPerPacket: [400, 1400],
};
const SMALL: Volume = {
  packets: [1, 6],
  requestBytesPerPacket: [60, 200],
  responseBytesPerPacket: [60, 400],
};
const DATABASE: Volume = {
  packets: [20, 400],
  requestBytesPerPacket: [80, 600],
  responseBytesPerPacket: [200, 1400],
};
const PROBE: Volume = {
  packets: [1, 3],
  requestBytesPerPacket: [40, 60],
  responseBytesPerPacket: [40, 60],
};

/** Ports that scanners on the internet knock on; the groups allow none of them from there. */
export const SCAN_PORTS = [22, 23, 25, 445, 1433, 3306, 3389, 5432, 5900, 6379, 8080, 8443, 9200];

/** Allowed from the internet somewhere in the account, so never drawn as a random scan port. */
export const PORTS_OPEN_TO_THE_INTERNET = [80, 443];

interface PathOptions {
  readonly family?: 4 | 6;
  readonly protocol?: number;
  readonly clientPort?: TrafficPath['clientPort'];
  readonly diurnal?: boolean;
  readonly seconds?: TrafficPath['seconds'];
  readonly volume?: Volume;
  readonly action?: FlowAction;
  readonly firstDayOnly?: boolean;
  readonly schedule?: Schedule;
  readonly randomPorts?: boolean;
}

function path(
  name: string,
  client: PathPeer,
  server: PathPeer,
  ports: readonly number[],
  perHour: number,
  options: PathOptions = {},
): TrafficPath {
  return {
    name,
    client,
    server,
    ports,
    perHour,
    family: options.family ?? 4,
    protocol: options.protocol ?? TCP,
    clientPort: options.clientPort ?? 'ephemeral',
    diurnal: options.diurnal ?? false,
    seconds: options.seconds ?? SHORT,
    volume: options.volume ?? SMALL,
    action: options.action ?? 'ACCEPT',
    firstDayOnly: options.firstDayOnly ?? false,
    schedule: options.schedule ?? null,
    randomPorts: options.randomPorts ?? false,
  };
}

const ALB = account('alb');
const APP = account('app');
const DB = account('db-primary');
const DB_STANDBY = account('db-standby');
const CACHE = account('cache-primary', 'cache-replica');
const CACHE_PRIMARY = account('cache-primary');
const CACHE_REPLICA = account('cache-replica');
const BASTION = account('bastion');
const ENDPOINTS = account('endpoint');
const FILES = account('file-transfer');
const PROMETHEUS = account('prometheus');
const SCRAPED = account('app', 'cache-primary', 'cache-replica');
const CI = account('ci');
const DNS = account('dns');
const STAGING_WEB = account('staging-web');
const STAGING_APP = account('staging-app');
const STAGING_DB = account('staging-db');
const PUBLIC = account('alb', 'bastion', 'staging-web');
const PUBLIC_IPV6 = account('alb', 'bastion');

/** Everyone with an all-traffic egress rule asks the shared DNS and NTP servers. */
const DNS_CLIENT_ROLES: DemoRole[] = [
  'app',
  'cache-primary',
  'cache-replica',
  'bastion',
  'staging-web',
  'staging-app',
  'staging-db',
  'prometheus',
  'file-transfer',
  'ci',
];
const DNS_CLIENTS = account(...DNS_CLIENT_ROLES);
/** The databases' narrow egress allows DNS over UDP, and nothing else of this. */
const UDP_DNS_CLIENTS = account(...DNS_CLIENT_ROLES, 'db-primary', 'db-standby');

const USERS = { diurnal: true, volume: WEB } as const;
const POOL = { seconds: POOLED, volume: DATABASE } as const;
const SSH = { seconds: SESSION } as const;
const SCAN = { action: 'REJECT', volume: PROBE, randomPorts: true } as const;
const UDP_QUERY = { protocol: UDP, seconds: [0, 1] } as const;

/**
 * Days 1, 3 and 5 of the default week, so that the last day has no run:
 * with `--stale-after 1` the job's rule has no recent hit, yet it is used,
 * awaiting its next run.
 */
const EVERY_OTHER_NIGHT: Schedule = { everyDays: 2, firstDay: 1, utcHour: 2 };

export const TRAFFIC_PATHS: readonly TrafficPath[] = [
  // prod: the web tier and what stands behind it
  path('internet to the ALB, HTTPS', INTERNET, ALB, [443], 14, USERS),
  path('internet to the ALB, HTTPS (IPv6)', INTERNET, ALB, [443], 4, { ...USERS, family: 6 }),
  path('internet to the ALB, HTTP', INTERNET, ALB, [80], 3, { diurnal: true }),
  path('internet to the ALB, HTTP (IPv6)', INTERNET, ALB, [80], 0.5, { diurnal: true, family: 6 }),
  path('ALB to the application', ALB, APP, [8080], 6, { ...USERS, seconds: KEEPALIVE }),
  path('application to PostgreSQL', APP, DB, [5432], 2, POOL),
  path('PostgreSQL streaming replication', DB_STANDBY, DB, [5432], 0.5, POOL),
  path('application to Redis', APP, CACHE, [6379], 2, POOL),
  path('Redis replication', CACHE_REPLICA, CACHE_PRIMARY, [6379], 1, POOL),
  path('Redis cluster bus', CACHE, CACHE, [16379], 1, { seconds: [30, 600] }),
  path('application to VPC endpoints', APP, ENDPOINTS, [443], 2, { volume: WEB }),
  path('application to the internet', APP, INTERNET, [443], 4, USERS),
  path('application to the internet (IPv6)', APP, INTERNET, [443], 1, { ...USERS, family: 6 }),
  path('application to the file server, SFTP', APP, FILES, [22], 0.3, { ...SSH, volume: WEB }),

  // prod: administration
  path('offices to the bastion, SSH', CORP, BASTION, [22], 0.3, SSH),
  path('offices to the bastion, SSH (IPv6)', CORP, BASTION, [22], 0.1, { ...SSH, family: 6 }),
  path('bastion to the application, SSH', BASTION, APP, [22], 0.3, SSH),
  path('bastion to PostgreSQL, a one-off migration', BASTION, DB, [5432], 0.5, {
    ...POOL,
    firstDayOnly: true,
  }),
  path('bastion package updates (IPv6)', BASTION, INTERNET, [443], 0.2, { family: 6, volume: WEB }),

  // shared services: monitoring, CI, DNS, NTP
  path('Prometheus scrapes node exporters', PROMETHEUS, SCRAPED, [9100], 4),
  path('blackbox exporter pings the application', PROMETHEUS, APP, [0], 1, { protocol: ICMP }),
  path('blackbox exporter probes the ALB', PROMETHEUS, ALB, [443], 1),
  path('offices to the Prometheus UI', CORP, PROMETHEUS, [9090], 0.3, USERS),
  path('CI deploys to the application', CI, APP, [8080, 8081], 0.6, { diurnal: true }),
  path('offices to the CI runner, SSH', CORP, CI, [22], 0.1, SSH),
  path('CI runner exports PostgreSQL from the standby', CI, DB_STANDBY, [5432], 1, {
    seconds: [300, 1800],
    volume: DATABASE,
    schedule: EVERY_OTHER_NIGHT,
  }),
  path('DNS over UDP', UDP_DNS_CLIENTS, DNS, [53], 6, UDP_QUERY),
  path('DNS over TCP', DNS_CLIENTS, DNS, [53], 0.3),
  path('NTP', DNS_CLIENTS, DNS, [123], 1, { ...UDP_QUERY, clientPort: 'same' }),
  path('DNS forwarders to the internet', DNS, INTERNET, [53], 2, UDP_QUERY),

  // staging
  path('internet to staging web', INTERNET, STAGING_WEB, [443, 443, 443, 80], 2, USERS),
  path('offices to staging web, SSH', CORP, STAGING_WEB, [22], 0.2, SSH),
  path('staging web to staging app', STAGING_WEB, STAGING_APP, [8080], 2, {
    ...USERS,
    seconds: KEEPALIVE,
  }),
  path('staging app to staging PostgreSQL', STAGING_APP, STAGING_DB, [5432], 1, POOL),
  path('staging app to the internet', STAGING_APP, INTERNET, [443], 0.5, USERS),

  // rejected: scanners, and the databases' narrow egress
  path('scans of public interfaces', INTERNET, PUBLIC, SCAN_PORTS, 6, SCAN),
  path('scans of public interfaces (IPv6)', INTERNET, PUBLIC_IPV6, SCAN_PORTS, 0.5, {
    ...SCAN,
    family: 6,
  }),
  path(
    'PostgreSQL trying the internet',
    account('db-primary', 'db-standby'),
    INTERNET,
    [443],
    0.1,
    {
      action: 'REJECT',
      volume: PROBE,
    },
  ),
];

/** Interfaces that are idle most of the time and so show NODATA records. */
export const QUIET_ROLES: readonly DemoRole[] = [
  'bastion',
  'db-standby',
  'endpoint',
  'staging-db',
  'file-transfer',
  'ci',
];
