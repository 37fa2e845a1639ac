import type { Violation } from '../round/round.types.js';
import { FORMULA_REASON, looksLikeFormula } from './spreadsheet-cells.js';

// What a new catalog version must satisfy before it is stored. Pure, so the rules are unit-tested
// and the service only reports them.

export interface CatalogDraft {
  productTypes: { code: string; nameZh: string; nameEn?: string | null }[];
  sections: { code: string; nameZh: string; nameEn?: string | null }[];
  processes: {
    code: string;
    sectionCode: string;
    nameZh: string;
    nameEn?: string | null;
    unit: string;
  }[];
  mappings: {
    fromCode: string;
    toCodes: string[];
    kind: 'renamed' | 'split' | 'merged' | 'retired';
  }[];
}

const v = (rule: string, message: string, field?: string): Violation => ({ rule, message, field });

function duplicates(codes: string[]): string[] {
  const seen = new Set<string>();
  return [...new Set(codes.filter((c) => seen.has(c) || !seen.add(c)))];
}

export function catalogViolations(
  draft: CatalogDraft,
  previousProcessCodes: ReadonlySet<string> | null,
): Violation[] {
  const out: Violation[] = [];
  for (const [list, field] of [
    [draft.productTypes, 'productTypes'],
    [draft.sections, 'sections'],
    [draft.processes, 'processes'],
  ] as const)
    for (const code of duplicates(list.map((x) => x.code)))
      out.push(
        v('catalog.duplicateCode', `code ${code} appears more than once in ${field}`, field),
      );
  // Names travel to the other side in CSV exports (OWASP CSV injection): refused at the door.
  for (const [list, field] of [
    [draft.productTypes, 'productTypes'],
    [draft.sections, 'sections'],
    [draft.processes, 'processes'],
  ] as const)
    list.forEach((x, i) => {
      for (const key of ['nameZh', 'nameEn'] as const) {
        const name = x[key];
        if (name && looksLikeFormula(name))
          out.push(
            v(
              'catalog.formulaLikeName',
              `${x.code}: "${name}" ${FORMULA_REASON}`,
              `${field}[${i}].${key}`,
            ),
          );
      }
    });
  if (draft.processes.length === 0)
    out.push(v('catalog.empty', 'a catalog needs at least one process', 'processes'));
  const sections = new Set(draft.sections.map((s) => s.code));
  draft.processes.forEach((p, i) => {
    if (!sections.has(p.sectionCode))
      out.push(
        v(
          'catalog.unknownSection',
          `process ${p.code} names section ${p.sectionCode}, which the catalog does not list`,
          `processes[${i}].sectionCode`,
        ),
      );
  });

  const current = new Set(draft.processes.map((p) => p.code));
  if (!previousProcessCodes) {
    if (draft.mappings.length > 0)
      out.push(
        v(
          'catalog.mappingWithoutBase',
          'a first version has no earlier codes to map from; remove mappings or give basedOnVersion',
          'mappings',
        ),
      );
    return out;
  }
  const mapped = new Set<string>();
  const mergedTargets = new Map<string, number>();
  draft.mappings.forEach((m, i) => {
    const field = `mappings[${i}]`;
    mapped.add(m.fromCode);
    if (!previousProcessCodes.has(m.fromCode))
      out.push(
        v(
          'catalog.mapping.unknownFrom',
          `${m.fromCode} is not a process of the version this one is based on`,
          field,
        ),
      );
    for (const to of m.toCodes)
      if (!current.has(to))
        out.push(v('catalog.mapping.unknownTo', `${to} is not a process of this version`, field));
    const expected = {
      renamed: m.toCodes.length === 1,
      split: m.toCodes.length >= 2,
      merged: m.toCodes.length === 1,
      retired: m.toCodes.length === 0,
    }[m.kind];
    if (!expected)
      out.push(
        v(
          'catalog.mapping.shape',
          `a ${m.kind} mapping of ${m.fromCode} cannot have ${m.toCodes.length} new code(s)`,
          field,
        ),
      );
    if (m.kind === 'merged')
      mergedTargets.set(m.toCodes[0], (mergedTargets.get(m.toCodes[0]) ?? 0) + 1);
  });
  for (const [to, n] of mergedTargets)
    if (n < 2)
      out.push(
        v('catalog.mapping.shape', `a merge into ${to} needs at least two old codes`, 'mappings'),
      );
  for (const code of duplicates(draft.mappings.map((m) => m.fromCode)))
    out.push(v('catalog.mapping.duplicate', `${code} is mapped more than once`, 'mappings'));
  // Every old code must line up with the new version, or year-over-year rates silently break.
  for (const old of previousProcessCodes)
    if (!current.has(old) && !mapped.has(old))
      out.push(
        v(
          'catalog.mapping.missing',
          `process ${old} of the previous version is neither kept nor mapped (renamed, split, merged or retired)`,
          'mappings',
        ),
      );
  return out;
}
