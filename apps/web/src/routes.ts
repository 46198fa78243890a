/** The four tabs, each reachable by its hash (`/#/models`), so a link opens the same view. */
export const TABS = [
  { id: 'data', label: 'Data & EDA' },
  { id: 'models', label: 'Models' },
  { id: 'recommendations', label: 'Recommendations' },
  { id: 'similar', label: 'Similar Content' },
] as const;

export type TabId = (typeof TABS)[number]['id'];

/** `#/models` -> 'models'; anything else -> the first tab. */
export function tabFromHash(hash: string): TabId {
  const id = hash.replace(/^#\/?/, '').split('?')[0];
  return TABS.find((t) => t.id === id)?.id ?? 'data';
}
