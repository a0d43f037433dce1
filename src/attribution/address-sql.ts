/**
 * SQL macros that turn address text into (family, value) pairs, the SQL twin
 * of `net/ip-address.ts`. DuckDB's `inet` extension cannot be loaded offline,
 * and the arithmetic is small: an IPv4 address is a 32-bit number, an IPv6
 * address a 128-bit one (UHUGEINT), and "inside a CIDR" is a range check.
 *
 * They run once per distinct address, never per record.
 */

const OCTET = '(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])';
const DOTTED_QUAD = `(${OCTET}\\.){3}${OCTET}`;

export const ADDRESS_MACROS_SQL = `
CREATE OR REPLACE TEMP MACRO ipv4_value(t) AS (
  CASE WHEN regexp_full_match(t, '${DOTTED_QUAD}')
    THEN list_reduce(
      list_transform(string_split(t, '.'), o -> o::UHUGEINT),
      (a, b) -> a * 256 + b)
  END
);

-- A trailing dotted quad (::ffff:10.0.0.1) stands for the last two groups.
CREATE OR REPLACE TEMP MACRO ipv6_hex(t) AS (
  CASE WHEN regexp_matches(t, ':${DOTTED_QUAD}$')
    THEN regexp_replace(t, '[0-9.]+$', '')
      || printf('%x:%x',
           ipv4_value(regexp_extract(t, '[0-9.]+$')) // 65536,
           ipv4_value(regexp_extract(t, '[0-9.]+$')) % 65536)
    ELSE t
  END
);

CREATE OR REPLACE TEMP MACRO ipv6_part(p) AS (
  CASE WHEN p = '' THEN []::VARCHAR[] ELSE string_split(p, ':') END
);

-- The eight groups, with one '::' expanded to the (one or more) zero groups it
-- stands for; NULL when the text has more than one '::'.
CREATE OR REPLACE TEMP MACRO ipv6_groups(h) AS (
  CASE
    WHEN len(string_split(h, '::')) > 2 THEN NULL
    WHEN NOT contains(h, '::') THEN string_split(h, ':')
    WHEN len(ipv6_part(split_part(h, '::', 1))) + len(ipv6_part(split_part(h, '::', 2))) > 7
      THEN NULL
    ELSE list_concat(
      ipv6_part(split_part(h, '::', 1)),
      list_transform(
        range(8 - len(ipv6_part(split_part(h, '::', 1))) - len(ipv6_part(split_part(h, '::', 2)))),
        x -> '0'),
      ipv6_part(split_part(h, '::', 2)))
  END
);

CREATE OR REPLACE TEMP MACRO ipv6_value_of_groups(g) AS (
  CASE WHEN len(g) = 8
      AND list_bool_and(list_transform(g, x -> regexp_full_match(x, '[0-9a-fA-F]{1,4}')))
    THEN list_reduce(
      list_transform(g, x -> ('0x' || x)::INTEGER::UHUGEINT),
      (a, b) -> a * 65536 + b)
  END
);

CREATE OR REPLACE TEMP MACRO ipv6_value(t) AS (
  ipv6_value_of_groups(ipv6_groups(ipv6_hex(t)))
);

CREATE OR REPLACE TEMP MACRO ip_family(t) AS (
  CASE WHEN contains(t, ':') THEN 6 ELSE 4 END
);

CREATE OR REPLACE TEMP MACRO ip_value(t) AS (
  CASE WHEN contains(t, ':') THEN ipv6_value(t) ELSE ipv4_value(t) END
);
`;
