CREATE EXTERNAL TABLE IF NOT EXISTS `stale_sg`.`flow_logs` (
  `version` bigint,
  `account_id` string,
  `interface_id` string,
  `srcaddr` string,
  `dstaddr` string,
  `srcport` bigint,
  `dstport` bigint,
  `protocol` bigint,
  `packets` bigint,
  `bytes` bigint,
  `start` bigint,
  `end` bigint,
  `action` string,
  `log_status` string
)
PARTITIONED BY (
  `aws_account` string,
  `aws_region` string,
  `log_date` string
)
ROW FORMAT DELIMITED
FIELDS TERMINATED BY ' '
LOCATION 's3://example-flow-logs/central/AWSLogs/'
TBLPROPERTIES (
  "skip.header.line.count" = "1",
  "projection.enabled" = "true",
  "projection.aws_account.type" = "enum",
  "projection.aws_account.values" = "111111111111,222222222222",
  "projection.aws_region.type" = "enum",
  "projection.aws_region.values" = "eu-west-1,us-east-1",
  "projection.log_date.type" = "date",
  "projection.log_date.format" = "'year='yyyy'/month='MM'/day='dd",
  "projection.log_date.range" = "year=2020/month=01/day=01,NOW",
  "projection.log_date.interval" = "1",
  "projection.log_date.interval.unit" = "DAYS",
  "storage.location.template" = "s3://example-flow-logs/central/AWSLogs/aws-account-id=${aws_account}/aws-service=vpcflowlogs/aws-region=${aws_region}/${log_date}"
)
