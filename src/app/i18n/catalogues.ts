/**
 * The model's words in both languages, loaded on first need rather than with the page:
 * they are the largest part of the page's own code, and the start page shows none of
 * them. The store waits for them together with the first model (./store.ts), so every
 * view that renders a message of the model has them.
 */
import type { Catalogue } from '../../core/messages/catalogue';
import type { Lang } from '../../core/messages/index';

let loaded: Record<Lang, Catalogue> | null = null;
let loading: Promise<void> | null = null;

export function loadCatalogues(): Promise<void> {
  loading ??= import('../../core/messages/index').then((mod) => {
    loaded = mod.CATALOGUES;
  });
  return loading;
}

/** the catalogue of a language, or null before the first model arrived */
export const catalogue = (lang: Lang): Catalogue | null => loaded?.[lang] ?? null;
