/**
 * Where a link keeps its snapshot: the `snapshot=v1.…` parameter of the fragment, beside
 * the view's route. Apart from ./link.ts (which packs and unpacks it) so the page's first
 * load finds a link without loading the packer.
 */

/** a link longer than this is cut by some browsers and chat tools: the page offers the file */
export const LINK_COMFORT = 32_000;

/** the `snapshot` parameter of a page address or fragment, if it has one */
export function payloadOf(address: string): string | null {
  const hash = address.includes('#') ? address.slice(address.indexOf('#') + 1) : address;
  const q = hash.indexOf('?');
  if (q < 0) return null;
  for (const part of hash.slice(q + 1).split('&'))
    if (part.startsWith('snapshot=')) {
      // base64url needs no escapes; a `%` is either a copied-and-escaped link or damage
      try {
        return decodeURIComponent(part.slice(9));
      } catch {
        return part.slice(9);
      }
    }
  return null;
}

/** a view's route without any `snapshot` parameter: a view never carries a second snapshot */
export function viewWithoutSnapshot(view: string): string {
  const q = view.indexOf('?');
  if (q < 0) return view;
  const params = view
    .slice(q + 1)
    .split('&')
    .filter((p) => p && !p.startsWith('snapshot='));
  return params.length ? `${view.slice(0, q)}?${params.join('&')}` : view.slice(0, q);
}
