/**
 * The two catalogues of the model's words, joined from each area's `messages(en, zh)`.
 * A new format adds one line to `AREAS`. Each area's Chinese side has the English side's
 * keys and parameters (`messages()` checks it), so the joined catalogues match too; keys
 * are unique across areas (tests/messages.test.ts).
 */
import budget from '../budget/messages';
import buddyinfo from '../formats/buddyinfo/messages';
import capture from '../formats/capture/messages';
import dts from '../formats/dts/messages';
import free from '../formats/free/messages';
import iomem from '../formats/iomem/messages';
import kmsg from '../formats/kmsg/messages';
import memblock from '../formats/memblock/messages';
import meminfo from '../formats/meminfo/messages';
import pagetypeinfo from '../formats/pagetypeinfo/messages';
import slabinfo from '../formats/slabinfo/messages';
import smaps from '../formats/smaps/messages';
import totals from '../formats/totals/messages';
import vmallocinfo from '../formats/vmallocinfo/messages';
import zoneinfo from '../formats/zoneinfo/messages';
import input from '../input/messages';
import accounting from '../model/accounting/messages';
import iomemModel from '../model/iomem-messages';
import physical from '../model/physical/messages';
import zones from '../model/zones/messages';
import share from '../share/messages';
import ledger from '../viewmodel/ledger-messages';
import viewmodel from '../viewmodel/messages';
import type { Catalogue } from './catalogue';

/** every area of the model that has words of its own */
export const AREAS = {
  input,
  capture,
  dts,
  free,
  kmsg,
  memblock,
  meminfo,
  smaps,
  totals,
  physical,
  accounting,
  viewmodel,
  share,
  budget,
  ledger,
  iomem,
  iomemModel,
  zoneinfo,
  buddyinfo,
  pagetypeinfo,
  zones,
  slabinfo,
  vmallocinfo,
};

type Areas = (typeof AREAS)[keyof typeof AREAS];
type Joined<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

const join = (side: 'en' | 'zh') => Object.assign({}, ...Object.values(AREAS).map((a) => a[side]));

/** English: every area's templates in one object (its type gives the message keys) */
export const EN: Joined<Areas['en']> = join('en');
export const ZH: Catalogue = join('zh');

export const CATALOGUES = { en: EN, zh: ZH } satisfies Record<string, Catalogue>;
export type Lang = keyof typeof CATALOGUES;
