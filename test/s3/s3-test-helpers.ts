import type { S3Client } from '@aws-sdk/client-s3';

/** A command as the client sent it, before retries. */
export interface SentCommand {
  readonly command: string;
  readonly input: Record<string, unknown>;
}

/** Records every command the client sends, in order. */
export function recordCommands(client: S3Client): SentCommand[] {
  const sent: SentCommand[] = [];
  client.middlewareStack.add(
    (next, context) => async (args) => {
      sent.push({
        command: context.commandName ?? '',
        input: args.input as Record<string, unknown>,
      });
      return next(args);
    },
    { step: 'initialize', name: 'recordCommands' },
  );
  return sent;
}

/** The ListObjectsV2 requests among them, as `prefix` or `prefix (/)` with a delimiter. */
export function listings(sent: readonly SentCommand[]): string[] {
  return sent
    .filter((entry) => entry.command === 'ListObjectsV2Command')
    .map(({ input }) => `${String(input.Prefix)}${input.Delimiter === '/' ? ' (/)' : ''}`);
}

export interface Delivery {
  readonly style: 'plain' | 'hive';
  /** The destination's prefix, ending with `/`, or empty. */
  readonly prefix: string;
  readonly account: string;
  readonly region: string;
  /** `yyyy-mm-dd`. */
  readonly day: string;
  readonly hour?: number;
}

/** The folder VPC Flow Logs delivers a file of this day (and hour) into. */
export function deliveryFolder(delivery: Delivery): string {
  const { style, prefix, account, region } = delivery;
  const [year, month, day] = delivery.day.split('-');
  const hour = delivery.hour === undefined ? null : String(delivery.hour).padStart(2, '0');

  const parts =
    style === 'plain'
      ? [account, 'vpcflowlogs', region, year, month, day, hour]
      : [
          `aws-account-id=${account}`,
          'aws-service=vpcflowlogs',
          `aws-region=${region}`,
          `year=${year}`,
          `month=${month}`,
          `day=${day}`,
          hour === null ? null : `hour=${hour}`,
        ];
  return `${prefix}AWSLogs/${parts.filter((part) => part !== null).join('/')}/`;
}

/** A key as AWS names flow log files: account, region, flow log id, time, a hash. */
export function deliveryKey(delivery: Delivery, index = 0): string {
  const hour = String(delivery.hour ?? 0).padStart(2, '0');
  const stamp = `${delivery.day.replaceAll('-', '')}T${hour}${String(5 * index).padStart(2, '0')}Z`;
  const name = `${delivery.account}_vpcflowlogs_${delivery.region}_fl-0123456789abcdef0_${stamp}_${index}a2b3c4d.log.gz`;
  return `${deliveryFolder(delivery)}${name}`;
}

/** Every combination of the given values, as deliveries. */
export function deliveries(
  base: Pick<Delivery, 'style' | 'prefix'>,
  accounts: readonly string[],
  regions: readonly string[],
  days: readonly string[],
  hours: readonly (number | undefined)[] = [undefined],
): Delivery[] {
  return accounts.flatMap((account) =>
    regions.flatMap((region) =>
      days.flatMap((day) => hours.map((hour) => ({ ...base, account, region, day, hour }))),
    ),
  );
}
