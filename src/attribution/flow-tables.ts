/**
 * The tables an analysis fills. `flows` holds flow log records aggregated by
 * everything attribution looks at (interface, direction, addresses, ports,
 * protocol, action, status), with counts, so that records never leave SQL
 * and repeated records cost one row.
 */
export const FLOWS_TABLE_SQL = `
CREATE OR REPLACE TEMP TABLE flows (
  malformed BOOLEAN NOT NULL,
  interface_id VARCHAR,
  flow_direction VARCHAR,
  -- effective addresses: pkt-srcaddr / pkt-dstaddr where present
  src VARCHAR,
  dst VARCHAR,
  srcport INTEGER,
  dstport INTEGER,
  protocol SMALLINT,
  action VARCHAR,
  log_status VARCHAR,
  -- UTC day of the records' start, for daily history
  day DATE,
  records BIGINT NOT NULL,
  packets HUGEINT NOT NULL,
  bytes HUGEINT NOT NULL,
  first_start BIGINT,
  last_end BIGINT,
  -- some record had SYN without ACK / SYN-ACK (TCP only)
  syn BOOLEAN NOT NULL,
  synack BOOLEAN NOT NULL
);
`;

/**
 * The inventory, as attribution needs it. Rule peers are expanded to address
 * ranges (`rule_ranges`): one per CIDR, one per prefix list entry, one per
 * address of every interface in a referenced group.
 */
export const INVENTORY_TABLES_SQL = `
CREATE OR REPLACE TEMP TABLE interface_groups (
  interface_id VARCHAR NOT NULL,
  group_id VARCHAR NOT NULL
);
CREATE OR REPLACE TEMP TABLE interface_addresses (
  interface_id VARCHAR NOT NULL,
  family TINYINT NOT NULL,
  value UHUGEINT NOT NULL
);
CREATE OR REPLACE TEMP TABLE rules (
  rule_id VARCHAR NOT NULL,
  group_id VARCHAR NOT NULL,
  direction VARCHAR NOT NULL,
  protocol SMALLINT NOT NULL,
  from_port INTEGER,
  to_port INTEGER
);
CREATE OR REPLACE TEMP TABLE rule_ranges (
  rule_id VARCHAR NOT NULL,
  family TINYINT NOT NULL,
  first UHUGEINT NOT NULL,
  last UHUGEINT NOT NULL
);
`;
