import type { S3Client, _Object } from '@aws-sdk/client-s3';
import { checkKeyFilter, holdsOnlyMatches, mayHoldMatches } from './flow-log-key-filter.js';
import type { FlowLogKeyFilter } from './flow-log-key-filter.js';
import {
  AWS_LOGS_POSITION,
  AWS_LOGS_SEGMENT,
  advance,
  advanceAll,
  fileFolderOf,
  isFileFolder,
  keyPartsOf,
  type LayoutPosition,
} from './flow-log-key-layout.js';
import { listPrefix, type PrefixListing } from './list-prefix.js';
import { mapConcurrently } from './map-concurrently.js';
import { parseS3Url } from './parse-s3-url.js';
import { flowLogObject, type S3FlowLogObject } from './s3-flow-log-object.js';

export interface ListFlowLogObjectsOptions extends FlowLogKeyFilter {
  /**
   * `s3://bucket/prefix`: a flow log destination, or any folder of the
   * layout inside it (`.../AWSLogs/123456789012/`). Always a folder: a
   * missing trailing slash is added.
   */
  readonly url: string;
  /** ListObjectsV2 requests in flight at once; 8 by default. */
  readonly concurrency?: number;
  /** Keys per page; S3's default of 1000 when absent. */
  readonly maxKeys?: number;
}

/** A folder to list and where it lies in the delivery layout. */
interface Folder {
  readonly prefix: string;
  readonly position: LayoutPosition;
}

interface Listing {
  readonly client: S3Client;
  readonly bucket: string;
  readonly filter: FlowLogKeyFilter;
  readonly options: ListFlowLogObjectsOptions;
}

/**
 * The flow log files under an S3 location that the filter takes, sorted by
 * key. A year of daily files for a few accounts and regions is thousands of
 * folders, so the listing prunes: it goes down the delivery layout one
 * level at a time (Delimiter `/`) and only into folders whose account,
 * region and dates can match. A folder all of whose files match is listed
 * whole, 1000 keys a request. Keys outside the layouts (files copied under
 * some other prefix) are listed whole, unpruned: nothing in their keys says
 * what they hold.
 */
export async function listFlowLogObjects(
  client: S3Client,
  options: ListFlowLogObjectsOptions,
): Promise<S3FlowLogObject[]> {
  checkKeyFilter(options);
  const { bucket, prefix } = parseS3Url(options.url);
  const listing: Listing = { client, bucket, filter: options, options };
  const folder = prefix === '' || prefix.endsWith('/') ? prefix : `${prefix}/`;

  const start = await layoutStart(listing, folder);
  const found =
    start === null ? await listOutsideLayout(listing, folder) : await walk(listing, start);
  return found.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/**
 * Where the layout begins: the given folder itself when it lies inside the
 * layout, its `AWSLogs/` folder when it has one (other keys beside it are
 * not flow logs that AWS delivered), else null.
 */
async function layoutStart(listing: Listing, folder: string): Promise<Folder | null> {
  const segments = folder.split('/').slice(0, -1);
  const awsLogs = segments.lastIndexOf(AWS_LOGS_SEGMENT);
  if (awsLogs >= 0) {
    const position = advanceAll(AWS_LOGS_POSITION, segments.slice(awsLogs + 1));
    return position === null ? null : { prefix: folder, position };
  }

  const awsLogsFolder = `${folder}${AWS_LOGS_SEGMENT}/`;
  const top = await list(listing, folder, '/');
  return top.prefixes.includes(awsLogsFolder)
    ? { prefix: awsLogsFolder, position: AWS_LOGS_POSITION }
    : null;
}

/** Lists the layout breadth first, a level's folders concurrently. */
async function walk(listing: Listing, root: Folder): Promise<S3FlowLogObject[]> {
  const found: S3FlowLogObject[] = [];
  let level = mayHoldMatches(root.position, listing.filter) ? [root] : [];

  while (level.length > 0) {
    const visited = await mapConcurrently(level, listing.options.concurrency ?? 8, (folder) =>
      visit(listing, folder),
    );
    found.push(...visited.flatMap((result) => result.objects));
    level = visited.flatMap((result) => result.folders);
  }
  return found;
}

async function visit(
  listing: Listing,
  folder: Folder,
): Promise<{ objects: S3FlowLogObject[]; folders: Folder[] }> {
  if (holdsOnlyMatches(folder.position, listing.filter)) {
    const whole = await list(listing, folder.prefix);
    return { objects: filesIn(listing, folder, whole.objects), folders: [] };
  }

  const level = await list(listing, folder.prefix, '/');
  return {
    objects: filesIn(listing, folder, level.objects),
    folders: subfolders(listing, folder, level.prefixes),
  };
}

/** The subfolders that fit the layout one level down and can hold matching files. */
function subfolders(listing: Listing, folder: Folder, prefixes: readonly string[]): Folder[] {
  return prefixes.flatMap((prefix) => {
    const position = advance(folder.position, prefix.slice(folder.prefix.length, -1));
    return position !== null && mayHoldMatches(position, listing.filter)
      ? [{ prefix, position }]
      : [];
  });
}

/** Listed objects that lie in a day or hour folder the filter takes. */
function filesIn(listing: Listing, folder: Folder, objects: readonly _Object[]): S3FlowLogObject[] {
  return objects.flatMap((listed) => {
    const folders = (listed.Key ?? '').slice(folder.prefix.length).split('/').slice(0, -1);
    const position = advanceAll(folder.position, folders);
    if (position === null || !isFileFolder(position)) return [];
    if (!mayHoldMatches(position, listing.filter)) return [];
    return flowLogObject(listing.bucket, listed, keyPartsOf(position)) ?? [];
  });
}

/**
 * Everything under a folder outside the layouts. A key that has an
 * `AWSLogs` folder below it is still read by the layout (so the filter
 * applies, and other services' logs are left out); other keys are taken
 * by their names, with nothing known about them.
 */
async function listOutsideLayout(listing: Listing, folder: string): Promise<S3FlowLogObject[]> {
  const { objects } = await list(listing, folder);
  return objects.flatMap((listed) => {
    const folders = (listed.Key ?? '').slice(folder.length).split('/').slice(0, -1);
    if (!folders.includes(AWS_LOGS_SEGMENT))
      return flowLogObject(listing.bucket, listed, null) ?? [];

    const position = fileFolderOf(folders);
    if (position === null || !mayHoldMatches(position, listing.filter)) return [];
    return flowLogObject(listing.bucket, listed, keyPartsOf(position)) ?? [];
  });
}

function list(listing: Listing, prefix: string, delimiter?: string): Promise<PrefixListing> {
  const { client, bucket, options } = listing;
  return listPrefix(client, { bucket, prefix, delimiter, maxKeys: options.maxKeys });
}
