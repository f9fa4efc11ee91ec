/**
 * Colours by id: one per accounting bucket, mapping kind and region kind, in every chart,
 * map and swatch. The values are CSS custom properties in styles.css (both themes).
 */
import type { BucketId } from '../core/model/buckets';
import type { RegionKind } from '../core/model/physical/index';
import type { MappingKind } from '../core/model/processes';

export const bucketColor = (b: BucketId): string => `var(--b-${b})`;
export const kindColor = (k: MappingKind): string => `var(--k-${k.replace(/ /g, '-')})`;
export const regionColor = (k: RegionKind): string => (k === 'hole' ? 'url(#hatch)' : `var(--r-${k})`);
export const regionSwatch = (k: RegionKind): string => `var(--r-${k})`;

/** buckets light enough to need dark text on them (WCAG contrast, both themes) */
export const LIGHT_BUCKETS: ReadonlySet<BucketId> = new Set<BucketId>([
  'hole',
  'boot-memmap',
  'boot-other',
  'cma',
  'slab-reclaimable',
  'vmalloc',
  'percpu',
  'file-unmapped',
  'swap-cache',
  'managed',
  'free',
  'page-tables',
  'file-mapped',
]);

/** a swatch or bar filled with a bucket's colour (unaccounted is a pattern, set by class) */
export function bucketFill(b: BucketId | undefined): { className: string; style: { background?: string } } {
  if (b === 'unaccounted') return { className: 'pattern-unaccounted', style: {} };
  return { className: '', style: b ? { background: bucketColor(b) } : {} };
}
