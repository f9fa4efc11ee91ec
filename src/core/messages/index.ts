/**
 * The two catalogues of the model's words, joined from each area's `messages(en, zh)`.
 * A new format adds one line to each list. Keys are unique across areas
 * (tests/messages.test.ts).
 */
import dts from '../formats/dts/messages';
import free from '../formats/free/messages';
import kmsg from '../formats/kmsg/messages';
import memblock from '../formats/memblock/messages';
import meminfo from '../formats/meminfo/messages';
import smaps from '../formats/smaps/messages';
import input from '../input/messages';
import accounting from '../model/accounting/messages';
import physical from '../model/physical/messages';
import viewmodel from '../viewmodel/messages';
import type { Catalogue } from './catalogue';

/** every area's messages, for tests that look across them */
export const AREAS = { input, dts, free, kmsg, memblock, meminfo, smaps, physical, accounting, viewmodel };

export const EN = {
  ...input.en,
  ...dts.en,
  ...free.en,
  ...kmsg.en,
  ...memblock.en,
  ...meminfo.en,
  ...smaps.en,
  ...physical.en,
  ...accounting.en,
  ...viewmodel.en,
};

export const ZH: Catalogue = {
  ...input.zh,
  ...dts.zh,
  ...free.zh,
  ...kmsg.zh,
  ...memblock.zh,
  ...meminfo.zh,
  ...smaps.zh,
  ...physical.zh,
  ...accounting.zh,
  ...viewmodel.zh,
};

export const CATALOGUES = { en: EN, zh: ZH } satisfies Record<string, Catalogue>;
export type Lang = keyof typeof CATALOGUES;
