/**
 * The tables of the embedded store, as migration 1 creates them. The file is
 * meant to be queried directly (`duckdb .stale-sg/stale-sg.duckdb`), so every
 * table carries a comment: `SELECT table_name, comment FROM duckdb_tables()`.
 *
 * Conventions:
 * - Instants (`*_at`) are TIMESTAMPTZ. Flow log times (`first_seen`,
 *   `last_seen`, `first_start`, `last_end`) are unix seconds, as in the flow
 *   logs themselves.
 * - Days are UTC dates (DATE), the day a flow's start falls on.
 * - Inventory rows are never deleted: `first_seen_at` and `last_seen_at` are
 *   the first and latest snapshots that listed the row, `gone_at` the first
 *   snapshot that no longer did (NULL while present). A row that comes back
 *   is revived: `gone_at` returns to NULL and `first_seen_at` stays.
 */

/** Inventory snapshots: security groups, rules, interfaces and prefix lists. */
const INVENTORY_SQL = `
CREATE SEQUENCE inventory_snapshot_ids START 1;

CREATE TABLE inventory_snapshots (
  snapshot_id       INTEGER PRIMARY KEY DEFAULT nextval('inventory_snapshot_ids'),
  taken_at          TIMESTAMPTZ NOT NULL,
  group_count       INTEGER NOT NULL,
  rule_count        INTEGER NOT NULL,
  interface_count   INTEGER NOT NULL,
  prefix_list_count INTEGER NOT NULL,
  rules_gone        INTEGER NOT NULL,  -- rules present before, missing from this snapshot
  interfaces_gone   INTEGER NOT NULL
);
COMMENT ON TABLE inventory_snapshots IS
  'One row per saved inventory: when it was taken, what it held, and what had gone since the one before';

CREATE TABLE security_groups (
  group_id      VARCHAR PRIMARY KEY,
  group_name    VARCHAR NOT NULL,
  vpc_id        VARCHAR,
  owner_id      VARCHAR,
  description   VARCHAR,
  tags          MAP(VARCHAR, VARCHAR) NOT NULL,
  first_seen_at TIMESTAMPTZ NOT NULL,
  last_seen_at  TIMESTAMPTZ NOT NULL,
  gone_at       TIMESTAMPTZ
);
COMMENT ON TABLE security_groups IS
  'Security groups of every snapshot; gone_at is set when a later snapshot no longer lists one';

CREATE TABLE security_group_rules (
  rule_id       VARCHAR PRIMARY KEY,  -- sgr-..., or sgr-derived-... when AWS gave no id
  group_id      VARCHAR NOT NULL,
  direction     VARCHAR NOT NULL CHECK (direction IN ('ingress', 'egress')),
  protocol      INTEGER NOT NULL,     -- IP protocol number; -1 for all protocols
  from_port     INTEGER,              -- port range (ICMP: type and code); NULL when unrestricted
  to_port       INTEGER,
  peer_kind     VARCHAR NOT NULL
                CHECK (peer_kind IN ('cidr4', 'cidr6', 'prefix-list', 'security-group')),
  peer_value    VARCHAR NOT NULL,     -- a CIDR, a pl-... or an sg-... id
  description   VARCHAR,
  derived       BOOLEAN NOT NULL,     -- the id was derived from IpPermissions
  first_seen_at TIMESTAMPTZ NOT NULL,
  last_seen_at  TIMESTAMPTZ NOT NULL,
  gone_at       TIMESTAMPTZ
);
COMMENT ON TABLE security_group_rules IS
  'Security group rules of every snapshot (the sample''s sg-analysis-rules-data); gone_at marks deleted rules';

CREATE TABLE network_interfaces (
  interface_id  VARCHAR PRIMARY KEY,
  vpc_id        VARCHAR,
  description   VARCHAR,
  first_seen_at TIMESTAMPTZ NOT NULL,
  last_seen_at  TIMESTAMPTZ NOT NULL,
  gone_at       TIMESTAMPTZ
);
COMMENT ON TABLE network_interfaces IS
  'Elastic network interfaces (ENIs) of every snapshot; gone ones keep their addresses and groups';

CREATE TABLE interface_groups (
  interface_id  VARCHAR NOT NULL,
  group_id      VARCHAR NOT NULL,
  position      INTEGER NOT NULL,     -- order in the interface''s Groups list
  first_seen_at TIMESTAMPTZ NOT NULL,
  last_seen_at  TIMESTAMPTZ NOT NULL,
  gone_at       TIMESTAMPTZ,
  PRIMARY KEY (interface_id, group_id)
);
COMMENT ON TABLE interface_groups IS
  'Which security groups are attached to which interface; gone_at when detached or the interface went';

CREATE TABLE interface_addresses (
  interface_id  VARCHAR NOT NULL,
  address       VARCHAR NOT NULL,     -- canonical IPv4 or IPv6 text
  position      INTEGER NOT NULL,     -- 0 is the primary private IPv4 address
  first_seen_at TIMESTAMPTZ NOT NULL,
  last_seen_at  TIMESTAMPTZ NOT NULL,
  gone_at       TIMESTAMPTZ,
  PRIMARY KEY (interface_id, address)
);
COMMENT ON TABLE interface_addresses IS
  'Private IPv4 and IPv6 addresses of each interface, primary first';

CREATE TABLE prefix_lists (
  prefix_list_id VARCHAR PRIMARY KEY,
  first_seen_at  TIMESTAMPTZ NOT NULL,
  last_seen_at   TIMESTAMPTZ NOT NULL,
  gone_at        TIMESTAMPTZ
);
COMMENT ON TABLE prefix_lists IS 'Managed prefix lists of every snapshot, empty ones included';

CREATE TABLE prefix_list_entries (
  prefix_list_id VARCHAR NOT NULL,
  cidr           VARCHAR NOT NULL,
  position       INTEGER NOT NULL,
  first_seen_at  TIMESTAMPTZ NOT NULL,
  last_seen_at   TIMESTAMPTZ NOT NULL,
  gone_at        TIMESTAMPTZ,
  PRIMARY KEY (prefix_list_id, cidr)
);
COMMENT ON TABLE prefix_list_entries IS 'CIDR entries of each managed prefix list';
`;

/**
 * Usage merged from every processed batch. Totals and evidence without a
 * day (ports, peers, overlaps) are all-time; daily tables are what
 * retention prunes.
 */
const USAGE_SQL = `
CREATE TABLE rule_usage (
  rule_id        VARCHAR PRIMARY KEY,
  hits           BIGINT NOT NULL,     -- request records the rule allowed
  exclusive_hits BIGINT NOT NULL,     -- hits no other rule of the interface allowed
  packets        BIGINT NOT NULL,
  bytes          BIGINT NOT NULL,
  first_seen     BIGINT,              -- unix seconds: earliest start of a hit
  last_seen      BIGINT               -- unix seconds: latest end of a hit
);
COMMENT ON TABLE rule_usage IS
  'All-time usage per rule (the sample''s sg-analysis-rules-usage); retention never prunes it';

CREATE TABLE rule_usage_daily (
  rule_id        VARCHAR NOT NULL,
  day            DATE NOT NULL,       -- UTC day of the flows' start
  hits           BIGINT NOT NULL,
  exclusive_hits BIGINT NOT NULL,
  packets        BIGINT NOT NULL,
  bytes          BIGINT NOT NULL,
  first_seen     BIGINT,
  last_seen      BIGINT,
  PRIMARY KEY (rule_id, day)
);
COMMENT ON TABLE rule_usage_daily IS 'Usage per rule per UTC day: heat maps, --stale-after, cadence';

CREATE TABLE interface_coverage_daily (
  interface_id VARCHAR NOT NULL,
  day          DATE NOT NULL,
  records      BIGINT NOT NULL,       -- records of any action and log-status
  PRIMARY KEY (interface_id, day)
);
COMMENT ON TABLE interface_coverage_daily IS
  'Interfaces seen in the flow logs per UTC day: covered by logging, so silence means unused';

CREATE TABLE rule_ports (
  rule_id  VARCHAR NOT NULL,
  protocol INTEGER NOT NULL,
  port     INTEGER NOT NULL,          -- server port of TCP and UDP requests
  hits     BIGINT NOT NULL,
  PRIMARY KEY (rule_id, protocol, port)
);
COMMENT ON TABLE rule_ports IS 'All-time hits per rule and server port, for narrowing suggestions';

CREATE TABLE rule_peers (
  rule_id VARCHAR NOT NULL,
  network VARCHAR NOT NULL,           -- the /24 (IPv4) or /64 (IPv6) around the peer
  hits    BIGINT NOT NULL,
  PRIMARY KEY (rule_id, network)
);
COMMENT ON TABLE rule_peers IS 'All-time hits per rule and peer network, for narrowing suggestions';

CREATE TABLE rule_overlaps (
  rule_ids VARCHAR PRIMARY KEY,       -- sorted, space-separated: string_split(rule_ids, ' ')
  hits     BIGINT NOT NULL
);
COMMENT ON TABLE rule_overlaps IS
  'All-time requests that several rules allowed at once: the evidence of redundancy';

CREATE TABLE rejected_traffic (
  day          DATE,                  -- UTC day of last_seen; NULL when unknown
  interface_id VARCHAR NOT NULL,
  direction    VARCHAR NOT NULL CHECK (direction IN ('ingress', 'egress')),
  peer         VARCHAR NOT NULL,
  protocol     INTEGER NOT NULL,
  port         INTEGER,               -- server port; NULL for protocols without ports
  records      BIGINT NOT NULL,
  last_seen    BIGINT
);
COMMENT ON TABLE rejected_traffic IS
  'REJECT records per UTC day, interface, peer, protocol and port: probing, or a missing rule';

CREATE TABLE flow_counts_daily (
  day         DATE,                   -- UTC day of the batch''s earliest start; NULL if none
  records     BIGINT NOT NULL,
  accepted    BIGINT NOT NULL,
  rejected    BIGINT NOT NULL,
  malformed   BIGINT NOT NULL,
  first_start BIGINT,
  last_end    BIGINT
);
COMMENT ON TABLE flow_counts_daily IS
  'Record counts of the processed batches, summed under the UTC day each batch began';
`;

/** What was read, and when, so that nothing is read twice. */
const SOURCES_AND_RUNS_SQL = `
CREATE TABLE processed_sources (
  key          VARCHAR PRIMARY KEY,   -- absolute path, or s3://bucket/key
  size         BIGINT NOT NULL,
  mtime_ms     DOUBLE,                -- files: modification time in ms
  etag         VARCHAR,               -- S3 objects: the ETag
  run_id       VARCHAR NOT NULL,
  processed_at TIMESTAMPTZ NOT NULL
);
COMMENT ON TABLE processed_sources IS
  'Flow log files and S3 objects whose usage is merged, committed with that usage';

CREATE TABLE runs (
  run_id      VARCHAR PRIMARY KEY,    -- ISO start time and a random suffix: sorts by time
  started_at  TIMESTAMPTZ NOT NULL,
  finished_at TIMESTAMPTZ,            -- NULL while running, or when the run was interrupted
  status      VARCHAR NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
  files       BIGINT NOT NULL DEFAULT 0,
  records     BIGINT NOT NULL DEFAULT 0,
  message     VARCHAR
);
COMMENT ON TABLE runs IS 'The log of stale-sg runs against this store';
`;

/** Migration 1: every table of the store. */
export const SCHEMA_V1_SQL = [INVENTORY_SQL, USAGE_SQL, SOURCES_AND_RUNS_SQL].join('\n');
