/**
 * Where the region changes of a comparison go on the address map: each change of the diff
 * (added, removed, moved, resized: the diff's typed kinds, never its words) as pixel
 * extents of the map's window, on the lane its kind is drawn in. `now` is where the region
 * is in the snapshot shown (the "after"), `was` where it was in the "before".
 */
import type { PhysRegion } from '../model/physical/index';
import { type Lane, laneOf } from '../viewmodel/lanes';
import type { RegionChange, RegionChangeKind, RegionSpan } from './index';

export interface PxSpan {
  x0: number;
  x1: number;
}

export interface ChangeMark {
  change: RegionChangeKind;
  lane: Lane;
  /** the change's index in the diff's region rows */
  row: number;
  /** where the region is now (added, moved, resized); null when removed */
  now: PxSpan | null;
  /** where it was (removed, moved, resized); null when added */
  was: PxSpan | null;
}

/** marks drawn at most: the largest changes first (the diff's order); the rest are counted */
export const MAX_CHANGE_MARKS = 400;

/**
 * The marks of `rows` in the window `win` (offsets from `base`) of a map `width` px wide, on
 * the lanes the map draws. A change with neither extent in the window is left out; past
 * `max` marks the rest are counted in `hidden`, so the nodes drawn stay bounded.
 */
export function changeMarks(
  rows: readonly RegionChange[],
  base: bigint,
  win: readonly [number, number],
  width: number,
  lanes: ReadonlySet<Lane>,
  max = MAX_CHANGE_MARKS,
): { marks: ChangeMark[]; hidden: number } {
  const [v0, v1] = win;
  const scale = width / Math.max(1, v1 - v0);
  const px = (s: RegionSpan | null): PxSpan | null => {
    if (!s) return null;
    const a = Number(s.start - base);
    const b = Number(s.end - base);
    return b > v0 && a < v1 ? { x0: (a - v0) * scale, x1: (b - v0) * scale } : null;
  };
  const marks: ChangeMark[] = [];
  let hidden = 0;
  rows.forEach((r, row) => {
    const lane = laneOf(r.kind);
    if (!lanes.has(lane)) return;
    const now = px(r.after);
    const was = px(r.before);
    if (!now && !was) return;
    if (marks.length >= max) hidden++;
    else marks.push({ change: r.change, lane, row, now, was });
  });
  return { marks, hidden };
}

/** a region's place as the diff saw it: its kind and extent */
export const placeKey = (kind: string, start: bigint, end: bigint): string => `${kind}:${start}:${end}`;

/** the changes by where the region is now, for a region table of the snapshot shown */
export function changesByPlace(rows: readonly RegionChange[]): Map<string, RegionChange> {
  const out = new Map<string, RegionChange>();
  for (const r of rows) if (r.after) out.set(placeKey(r.kind, r.after.start, r.after.end), r);
  return out;
}

/** the change of a region of the snapshot shown, if it has one */
export const changeOfRegion = (byPlace: ReadonlyMap<string, RegionChange>, r: PhysRegion): RegionChange | undefined =>
  byPlace.get(placeKey(r.kind, r.start, r.end));
