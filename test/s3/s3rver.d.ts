/** The part of s3rver (which ships no types) that the tests use. */
declare module 's3rver' {
  import type { AddressInfo } from 'node:net';

  export interface S3rverOptions {
    address?: string;
    port?: number;
    silent?: boolean;
    directory?: string;
    configureBuckets?: { name: string }[];
  }

  export interface ListObjectsOptions {
    delimiter?: string;
    startAfter?: string;
    prefix?: string;
    maxKeys?: number;
  }

  export interface StoredObject {
    key: string;
    size: number;
    lastModifiedDate: Date;
    metadata: Record<string, string | number>;
  }

  export interface FilesystemStore {
    getBucketPath(bucket: string): string;
    getMetadata(bucket: string, key: string): Promise<Record<string, string | number>>;
    listObjects(
      bucket: string,
      options: ListObjectsOptions,
    ): Promise<{ objects: StoredObject[]; commonPrefixes: string[]; isTruncated: boolean }>;
  }

  export default class S3rver {
    constructor(options?: S3rverOptions);
    readonly store: FilesystemStore;
    run(): Promise<AddressInfo>;
    close(): Promise<void>;
  }
}
