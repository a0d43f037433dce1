/**
 * The read-only EC2 calls of inventory collection, the same list as
 * docs/aws.md. EC2's describe calls have no resource-level permissions,
 * so these are the only actions granted on `"Resource": "*"`.
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html
 */
export const INVENTORY_ACTIONS = [
  'ec2:DescribeSecurityGroups',
  'ec2:DescribeSecurityGroupRules',
  'ec2:DescribeNetworkInterfaces',
  'ec2:DescribeManagedPrefixLists',
  'ec2:GetManagedPrefixListEntries',
  'ec2:DescribeRegions',
] as const;

/**
 * What a state machine needs to deliver its logs to CloudWatch Logs. These
 * "vended logs" actions do not support resource-level permissions either.
 * https://docs.aws.amazon.com/step-functions/latest/dg/cw-logs.html
 */
export const LOG_DELIVERY_ACTIONS = [
  'logs:CreateLogDelivery',
  'logs:GetLogDelivery',
  'logs:UpdateLogDelivery',
  'logs:DeleteLogDelivery',
  'logs:ListLogDeliveries',
  'logs:PutResourcePolicy',
  'logs:DescribeResourcePolicies',
  'logs:DescribeLogGroups',
] as const;
