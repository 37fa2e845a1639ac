import type { RateItem } from '../../src/kernel/round/round.types.js';

/**
 * keepPreviousRate for a draft that agrees `items` and keeps every other line of the catalog at last
 * year's rate (issue 10): a process the items do not name is kept whole by its code, a process they
 * name for some product types is kept for the others.
 */
export function keepAllBut(
  items: readonly RateItem[],
  catalog: { processes: readonly { code: string }[]; productTypes: readonly { code: string }[] },
): string[] {
  const named = new Set(
    items.map((i) => (i.productType ? `${i.productType}:${i.processCode}` : i.processCode)),
  );
  return catalog.processes.flatMap(({ code }) => {
    if (named.has(code)) return [];
    const types = catalog.productTypes.map((t) => `${t.code}:${code}`);
    const kept = types.filter((key) => !named.has(key));
    return kept.length === types.length ? [code] : kept;
  });
}
