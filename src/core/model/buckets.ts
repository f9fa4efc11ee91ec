/**
 * The accounting buckets: one id per kind of memory, in every chart, map, table swatch
 * and export. The core says which family a bucket is in and which message names it; the
 * page gives each id its colour (`--b-<id>` in styles.css) and reads labels by id.
 */
import { type Msg, m } from '../messages/catalogue';

export type Family = 'firmware' | 'boot' | 'kernel' | 'user' | 'unaccounted' | 'free' | 'other';

export const BUCKETS = {
  'no-map': { family: 'firmware' },
  hole: { family: 'other' },
  'boot-kernel': { family: 'boot' },
  'boot-memmap': { family: 'boot' },
  'boot-other': { family: 'boot' },
  cma: { family: 'boot' },
  'slab-unreclaimable': { family: 'kernel' },
  'slab-reclaimable': { family: 'kernel' },
  vmalloc: { family: 'kernel' },
  'page-tables': { family: 'kernel' },
  'kernel-stacks': { family: 'kernel' },
  percpu: { family: 'kernel' },
  'kernel-other': { family: 'kernel' },
  vendor: { family: 'kernel' },
  anon: { family: 'user' },
  shmem: { family: 'user' },
  'file-mapped': { family: 'user' },
  'file-unmapped': { family: 'user' },
  buffers: { family: 'user' },
  'swap-cache': { family: 'user' },
  managed: { family: 'other' },
  unaccounted: { family: 'unaccounted' },
  free: { family: 'free' },
} as const satisfies Record<string, { family: Family }>;

export type BucketId = keyof typeof BUCKETS;

/** a bucket's name, in the reader's language once rendered */
export const bucketLabel = (id: BucketId): Msg => m(`bucket.${id}`);
