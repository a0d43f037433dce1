import { ListObjectsV2Command, type S3Client, type _Object } from '@aws-sdk/client-s3';
import { s3Failure } from './s3-failure.js';

/** One listed folder: its objects and, when listed with a delimiter, its subfolders. */
export interface PrefixListing {
  readonly objects: readonly _Object[];
  /** Common prefixes, each ending with the delimiter. */
  readonly prefixes: readonly string[];
}

export interface ListPrefixRequest {
  readonly bucket: string;
  readonly prefix: string;
  /** `/` to list one level; absent to list every key below the prefix. */
  readonly delimiter?: string;
  /** Keys per page; S3's default (and maximum) is 1000. */
  readonly maxKeys?: number;
}

/**
 * Lists a prefix page by page (ListObjectsV2 with ContinuationToken), so
 * that no folder is cut off at S3's 1000 keys per response.
 */
export async function listPrefix(
  client: S3Client,
  request: ListPrefixRequest,
): Promise<PrefixListing> {
  const objects: _Object[] = [];
  const prefixes = new Set<string>();
  let token: string | undefined;

  do {
    const page = await client
      .send(
        new ListObjectsV2Command({
          Bucket: request.bucket,
          Prefix: request.prefix,
          Delimiter: request.delimiter,
          MaxKeys: request.maxKeys,
          ContinuationToken: token,
        }),
      )
      .catch((error: unknown) => {
        throw s3Failure(error, { action: 's3:ListBucket', bucket: request.bucket });
      });

    objects.push(...(page.Contents ?? []));
    for (const { Prefix } of page.CommonPrefixes ?? [])
      if (Prefix !== undefined) prefixes.add(Prefix);
    token = page.IsTruncated === true ? page.NextContinuationToken : undefined;
  } while (token !== undefined);

  return { objects, prefixes: [...prefixes].sort() };
}
