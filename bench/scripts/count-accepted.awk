# Counts the ACCEPT records of VPC flow log text per interface, destination
# port and protocol: what one would script without stale-sg. Reads the output
# of zcat over many files, so the formats change from file to file: every file
# AWS delivers to S3 starts with a header line naming its fields, and the
# column positions are read anew from each header. Lines before any header
# are read as the default format.
# Prints "interface-id dstport protocol count" lines.

function columns_from_header(    i) {
  delete position
  for (i = 1; i <= NF; i++) position[$i] = i
  interface = position["interface-id"]
  dstport = position["dstport"]
  protocol = position["protocol"]
  action = position["action"]
}

BEGIN {
  # The default format: version account-id interface-id srcaddr dstaddr
  # srcport dstport protocol packets bytes start end action log-status
  interface = 3; dstport = 7; protocol = 8; action = 13
}

# A record starts with its version number; anything else is a header.
$1 !~ /^[0-9]+$/ { columns_from_header(); next }

$action == "ACCEPT" { count[$interface " " $dstport " " $protocol]++ }

END { for (key in count) print key, count[key] }
