// The first worksheet of an XLSX as cell text, read from the parts the inspection already inflated
// (spreadsheet-inspection.ts), so a plain 工价表 is not inflated and parsed a second time by exceljs
// (ADR 0016). It understands only what it can read exactly as exceljs does — one sheet, shared or
// inline strings, numbers without a style, booleans and errors — and gives up (null) on anything
// else: formulas, merged cells, hyperlinks, styled numbers (a date format turns them into dates),
// several sheets, character references, CDATA, XML it does not fully follow. The caller then reads
// the file with exceljs, which stays the reference.

/** Entry names of the parts this reader may need; the inspection keeps only these. */
export const GRID_PART =
  /^(?:xl\/workbook\.xml|xl\/_rels\/workbook\.xml\.rels|xl\/sharedStrings\.xml)$/;
/** The rule by which exceljs takes an entry as a worksheet (xlsx.js, unanchored). */
export const WORKSHEET_PART = /xl\/worksheets\/sheet(\d+)[.]xml/;

export interface SheetGrid {
  name: string;
  /** Rows in order; cells[column] is what rate-table-spreadsheet.ts's cellText gives for it. */
  rows: { row: number; cells: string[] }[];
}

class GiveUp extends Error {}
const giveUp = (): never => {
  throw new GiveUp();
};

const ENTITIES: Record<string, string> = {
  '&lt;': '<',
  '&gt;': '>',
  '&amp;': '&',
  '&quot;': '"',
  '&apos;': "'",
};

// The five predefined entities only; a character reference or a line-end the parser would
// normalise is left to exceljs.
function decode(raw: string): string {
  if (raw.includes('\r')) giveUp();
  if (!raw.includes('&')) return raw;
  return raw.replace(/&[^;&]*;?/g, (e) => ENTITIES[e] ?? giveUp());
}

interface Tag {
  name: string;
  attrs: Record<string, string>;
  /** <a/>: open and closed at once. */
  empty: boolean;
}

const ATTR = /\s+([^\s=/>]+)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/y;

// A '>' inside a quoted value cuts the tag short, which leaves an unclosed quote in `rest`.
function parseTag(body: string): Tag {
  const m = /^([A-Za-z_][\w.:-]*)/.exec(body) ?? giveUp();
  const name = m[1];
  const attrs: Record<string, string> = {};
  let at = name.length;
  for (;;) {
    ATTR.lastIndex = at;
    const a = ATTR.exec(body);
    if (!a) break;
    const value = a[2] ?? a[3];
    // Attribute values are normalised by an XML parser (tabs and line breaks become spaces).
    if (/[\t\n\r]/.test(value) || a[1] in attrs) giveUp();
    attrs[a[1]] = decode(value);
    at = ATTR.lastIndex;
  }
  const rest = body.slice(at);
  const empty = /^\s*\/$/.test(rest);
  if (!empty && !/^\s*$/.test(rest)) giveUp();
  return { name, attrs, empty };
}

/**
 * Walks a part's XML: open/close per element, text between tags (decoded), with the path of open
 * element names. Tags must balance; comments, CDATA, DOCTYPE and anything unusual give up.
 */
function walk(
  xml: string,
  on: {
    open(tag: Tag, path: string[]): void;
    close?(name: string, path: string[]): void;
    text?(text: string, path: string[]): void;
  },
) {
  const path: string[] = [];
  let roots = 0;
  let i = 0;
  // An XML declaration only at the very start; a byte-order mark is left to exceljs.
  if (xml.startsWith('<?xml')) {
    const end = xml.indexOf('?>');
    if (end < 0) giveUp();
    i = end + 2;
  }
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const textEnd = lt < 0 ? xml.length : lt;
    if (textEnd > i) {
      const raw = xml.slice(i, textEnd);
      if (path.length === 0) {
        if (!/^\s*$/.test(raw)) giveUp();
      } else on.text?.(decode(raw), path);
    }
    if (lt < 0) break;
    const gt = xml.indexOf('>', lt);
    if (gt < 0) giveUp();
    const body = xml.slice(lt + 1, gt);
    i = gt + 1;
    if (body.charCodeAt(0) === 0x2f) {
      const name = body.slice(1);
      if (path.at(-1) !== name) giveUp();
      path.pop();
      on.close?.(name, path);
      continue;
    }
    const tag = parseTag(body);
    if (path.length === 0 && ++roots > 1) giveUp();
    on.open(tag, path);
    if (tag.empty) on.close?.(tag.name, path);
    else path.push(tag.name);
  }
  if (path.length) giveUp();
}

function text(part: Buffer | undefined): string {
  if (!part) return giveUp();
  // Strict UTF-8, and no BOM: JSZip and saxes would have their own way with either.
  if (part[0] === 0xef) giveUp();
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(part);
  } catch {
    return giveUp();
  }
}

function onlySheet(parts: Map<string, Buffer>): { name: string; rId: string } {
  const sheets: { name: string; rId: string }[] = [];
  walk(text(parts.get('xl/workbook.xml')), {
    open(tag, path) {
      if (tag.name !== 'sheet') return;
      if (path.join('/') !== 'workbook/sheets') giveUp();
      const { name, 'r:id': rId } = tag.attrs;
      // exceljs passes the name through its own XML escaping on the way in.
      // eslint-disable-next-line no-control-regex
      if (name === undefined || rId === undefined || /[<>&'"\x00-\x1f\x7f]/.test(name)) giveUp();
      sheets.push({ name, rId });
    },
  });
  if (sheets.length !== 1) giveUp();
  return sheets[0];
}

function sheetPath(parts: Map<string, Buffer>, rId: string): string {
  let target: string | undefined;
  walk(text(parts.get('xl/_rels/workbook.xml.rels')), {
    open(tag) {
      if (tag.name === 'Relationship' && tag.attrs.Id === rId) {
        if (target !== undefined) giveUp();
        target = tag.attrs.Target;
      }
    },
  });
  if (target === undefined) giveUp();
  // Resolved as exceljs does (xlsx.js reconcile).
  return `xl/${target!.replace(/^(\s|\/xl\/)+/, '')}`;
}

// Shared strings as cellText would give them: a plain <t>, or the runs of rich text joined.
function sharedStrings(part: Buffer | undefined): string[] {
  const out: string[] = [];
  if (!part) return out;
  let current: string | null = null;
  let plain = 0;
  let runs = 0;
  walk(text(part), {
    open(tag, path) {
      const depth = path.length;
      if (depth === 0) {
        if (tag.name !== 'sst') giveUp();
      } else if (depth === 1) {
        if (tag.name !== 'si') giveUp();
        current = '';
        plain = 0;
        runs = 0;
      } else if (depth === 2) {
        if (tag.name === 't') plain++;
        else if (tag.name === 'r') runs++;
        // Phonetic guides carry text exceljs keeps elsewhere; properties carry none.
        else if (tag.name !== 'phoneticPr' || !tag.empty) giveUp();
        if (plain > 1 || (plain && runs)) giveUp();
      } else if (depth === 3) {
        if (path[2] !== 'r' || (tag.name !== 't' && tag.name !== 'rPr')) giveUp();
      } else if (path[3] !== 'rPr') giveUp();
    },
    text(t, path) {
      const inside = path.length;
      if ((inside === 3 && path[2] === 't') || (inside === 4 && path[3] === 't')) current += t;
      // Anywhere else (between runs, in run properties) only layout white space.
      else if (!/^\s*$/.test(t)) giveUp();
    },
    close(name, path) {
      if (path.length === 1 && name === 'si') out.push(current!.trim());
    },
  });
  return out;
}

const CELL_REF = /^([A-Z]{1,3})([1-9]\d*)$/;

function column(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

function worksheet(xml: string, strings: string[]): SheetGrid['rows'] {
  const rows: SheetGrid['rows'] = [];
  let row: { row: number; cells: string[] } | null = null;
  let lastColumn = 0;
  let cell: { col: number; type: string; styled: boolean; value: string | null } | null = null;
  let sheetData = 0;
  walk(xml, {
    open(tag, path) {
      const where = path.at(-1);
      if (where === undefined) {
        if (tag.name !== 'worksheet') giveUp();
        return;
      }
      if (tag.name === 'mergeCell' || tag.name === 'hyperlink') giveUp();
      if (tag.name === 'sheetData') {
        if (where !== 'worksheet' || ++sheetData > 1) giveUp();
        return;
      }
      if (!path.includes('sheetData')) return;
      if (where === 'sheetData') {
        if (tag.name !== 'row') giveUp();
        const n = Number(tag.attrs.r);
        if (!Number.isInteger(n) || String(n) !== tag.attrs.r || n <= (rows.at(-1)?.row ?? 0))
          giveUp();
        row = { row: n, cells: [] };
        rows.push(row);
        lastColumn = 0;
      } else if (where === 'row') {
        if (tag.name !== 'c') giveUp();
        const ref = CELL_REF.exec(tag.attrs.r ?? '') ?? giveUp();
        const col = column(ref[1]);
        if (Number(ref[2]) !== row!.row || col <= lastColumn || col > 16_384) giveUp();
        lastColumn = col;
        const s = tag.attrs.s;
        cell = {
          col,
          type: tag.attrs.t ?? 'n',
          // exceljs parses s with parseInt and treats 0 as no style.
          styled: s !== undefined && parseInt(s, 10) !== 0,
          value: null,
        };
        if (s !== undefined && !/^\d+$/.test(s)) giveUp();
        if (tag.empty) finishCell();
      } else if (where === 'c') {
        if (tag.name === 'v' || (tag.name === 'is' && cell!.type === 'inlineStr')) return;
        giveUp();
      } else if (where === 'is') {
        if (tag.name !== 't') giveUp();
      } else giveUp();
    },
    text(t, path) {
      const where = path.at(-1);
      if (cell && (where === 'v' || (where === 't' && path.at(-2) === 'is')))
        cell.value = (cell.value ?? '') + t;
      else if (!/^\s*$/.test(t)) giveUp();
    },
    close(name) {
      if (name === 'c' && cell) finishCell();
    },
  });

  function finishCell() {
    const { col, type, styled, value } = cell!;
    cell = null;
    // No value: with a style exceljs keeps an empty cell, without one it makes a merge cell.
    if (value === null) {
      if (!styled) giveUp();
      return;
    }
    let shown: string;
    if (type === 's') {
      if (!/^\d+$/.test(value)) giveUp();
      const at = parseInt(value, 10);
      if (at >= strings.length) giveUp();
      shown = strings[at];
    } else if (type === 'inlineStr') shown = value.trim();
    else if (type === 'b') shown = String(parseInt(value, 10) !== 0);
    // cellText gives an error as it is, untrimmed.
    else if (type === 'e') shown = value;
    else if (type === 'n') {
      // A style may be a date format, which exceljs turns into a date.
      if (styled) giveUp();
      // What exceljs shows for a number cell (it reads <v> with parseFloat). Not money arithmetic: the
      // rate check reads this text as a decimal and refuses more than 4 places, as it does for exceljs.
      shown = String(parseFloat(value)).trim();
    } else return giveUp();
    row!.cells[col] = shown;
  }

  return rows;
}

/**
 * The first (only) worksheet's cells, or null when the file holds anything this reader does not
 * follow exactly; the caller then reads the file with exceljs.
 */
export function readSheetGrid(parts: Map<string, Buffer>, entries: string[]): SheetGrid | null {
  try {
    // JSZip keeps one of two entries with the same name; which one is exceljs's business.
    if (new Set(entries).size !== entries.length) giveUp();
    const { name, rId } = onlySheet(parts);
    const path = sheetPath(parts, rId);
    // exceljs parses every entry named like a worksheet; with more than one, leave it to exceljs.
    const worksheets = entries.filter((e) => WORKSHEET_PART.test(e));
    if (worksheets.length !== 1 || worksheets[0] !== path) giveUp();
    const strings = sharedStrings(parts.get('xl/sharedStrings.xml'));
    return { name, rows: worksheet(text(parts.get(path)), strings) };
  } catch (e) {
    if (e instanceof GiveUp) return null;
    throw e;
  }
}
