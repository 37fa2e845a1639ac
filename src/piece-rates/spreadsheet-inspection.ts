import yauzl from 'yauzl';
import type { SpreadsheetLimits } from '../config/app-config.js';
import { DomainError } from '../common/domain-error.js';

// Checks an uploaded file against the limits before exceljs sees it (ADR 0016). The XLSX is inflated
// once, entry by entry, counting what comes out; yauzl refuses an entry whose inflated size differs
// from the one it declares. Nothing from the zip or XML libraries reaches the client.

export type InspectionLimits = Pick<
  SpreadsheetLimits,
  | 'maxZipEntries'
  | 'maxEntryBytes'
  | 'maxDecompressedBytes'
  | 'maxRows'
  | 'maxCells'
  | 'maxStringChars'
>;

const mib = (bytes: number) => `${+(bytes / 1_048_576).toFixed(2)} MiB`;

const tooLarge = (what: string, limit: number, setting: string) =>
  new DomainError(
    'SPREADSHEET_TOO_LARGE',
    `${what} exceeds ${mib(limit)} (${limit} bytes, setting ${setting}); nothing was stored`,
    { limit, setting },
  );

const exceeded = (what: string, limit: number, setting: string) =>
  new DomainError(
    'SPREADSHEET_LIMIT_EXCEEDED',
    `${what} exceeds ${limit} (setting ${setting}); nothing was stored`,
    { limit, setting },
  );

export const unreadable = (why: string) =>
  new DomainError(
    'SPREADSHEET_UNREADABLE',
    `${why}; save it again from Excel or WPS as .xlsx (or as CSV UTF-8) and upload that`,
  );

// Counts over XML as it streams past, without building it: text runs between tags (a shared or
// inline string, in characters), and for worksheets the <row> and <c> elements.
export class XmlCounter {
  rows = 0;
  cells = 0;
  private inTag = false;
  private name = '';
  private naming = false;
  private textChars = 0;

  constructor(
    private readonly limits: InspectionLimits,
    private readonly isSheet: boolean,
  ) {}

  // Until the first byte that is not white space or a byte-order mark: a part that does not start
  // with '<' is not XML (printer settings, embedded objects), and no XML parser gets past it.
  private sniffing = true;
  private isXml = true;

  push(chunk: Uint8Array): void {
    const { maxStringChars } = this.limits;
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i];
      if (this.sniffing) {
        if (
          b === 0x20 ||
          b === 0x09 ||
          b === 0x0a ||
          b === 0x0d ||
          b === 0xef ||
          b === 0xbb ||
          b === 0xbf
        )
          continue;
        this.sniffing = false;
        this.isXml = b === 0x3c;
      }
      if (!this.isXml) return;
      if (!this.inTag) {
        if (b === 0x3c) {
          this.inTag = true;
          this.naming = true;
          this.name = '';
          this.textChars = 0;
          // A UTF-8 continuation byte is part of a character already counted.
        } else if ((b & 0xc0) !== 0x80 && ++this.textChars > maxStringChars)
          throw exceeded(
            "a cell's text (in characters)",
            maxStringChars,
            'SPREADSHEET_MAX_STRING_CHARS',
          );
        continue;
      }
      if (b === 0x3e) {
        if (this.naming) this.tagNamed();
        this.inTag = false;
      } else if (this.naming) {
        if (b === 0x20 || b === 0x2f || b === 0x09 || b === 0x0a || b === 0x0d) {
          if (this.name !== '' || b !== 0x2f) this.tagNamed();
          else this.name = '/';
        } else if (this.name.length < 16) this.name += String.fromCharCode(b);
      }
    }
  }

  private tagNamed() {
    this.naming = false;
    if (!this.isSheet) return;
    // Some writers prefix the namespace (x:c).
    const local = this.name.slice(this.name.indexOf(':') + 1);
    if (local === 'c' && ++this.cells > this.limits.maxCells)
      throw exceeded('the number of cells', this.limits.maxCells, 'SPREADSHEET_MAX_CELLS');
    if (local === 'row' && ++this.rows > this.limits.maxRows)
      throw exceeded('the number of rows', this.limits.maxRows, 'SPREADSHEET_MAX_ROWS');
  }
}

export const NOT_A_WORKBOOK =
  'the file is not a readable XLSX workbook; save it again from Excel or WPS as .xlsx and upload that';
export const NOT_UTF8 = 'the CSV is not UTF-8 text; in Excel save it as "CSV UTF-8"';

export type InspectedXlsx =
  { notReadable: string } | { notReadable: null; entries: string[]; parts: Map<string, Buffer> };

/**
 * Refuses a workbook past a limit or damaged (DomainError). A file that is not a zip at all is no
 * attack, only the wrong file: that is returned as a reason, reported like any other problem in it.
 * The inflated parts whose names `keep` accepts come back (bounded by the same limits), so a reader
 * need not inflate them again; so do all entry names.
 */
export async function inspectXlsx(
  file: Buffer,
  limits: InspectionLimits,
  keep: (name: string) => boolean = () => false,
): Promise<InspectedXlsx> {
  const zip = await new Promise<yauzl.ZipFile | null>((resolve) =>
    yauzl.fromBuffer(
      file,
      { lazyEntries: true, validateEntrySizes: true, strictFileNames: false },
      (e, z) => resolve(e ? null : z),
    ),
  );
  if (!zip) return { notReadable: NOT_A_WORKBOOK };
  const entries: string[] = [];
  const parts = new Map<string, Buffer>();
  try {
    if (zip.entryCount > limits.maxZipEntries)
      throw exceeded(
        'the number of parts in the XLSX',
        limits.maxZipEntries,
        'SPREADSHEET_MAX_ZIP_ENTRIES',
      );
    const sheetCounts = { rows: 0, cells: 0 };
    let total = 0;
    for (;;) {
      const entry = await nextEntry(zip);
      if (!entry) break;
      if (entry.fileName.endsWith('/')) continue;
      entries.push(entry.fileName);
      if (entry.uncompressedSize > limits.maxEntryBytes)
        throw tooLarge(
          `a part of the XLSX (${entry.fileName}), decompressed,`,
          limits.maxEntryBytes,
          'SPREADSHEET_MAX_ENTRY_BYTES',
        );
      if (total + entry.uncompressedSize > limits.maxDecompressedBytes)
        throw tooLarge(
          'the decompressed content',
          limits.maxDecompressedBytes,
          'SPREADSHEET_MAX_DECOMPRESSED_BYTES',
        );
      // The same name rules exceljs applies (xlsx.js): it parses every entry outside xl/media/ as
      // text and takes any name containing xl/worksheets/sheetN.xml as a worksheet, so the counts
      // must cover exactly those, whatever the file's extension says.
      const isSheet = /xl\/worksheets\/sheet\d+[.]xml/.test(entry.fileName);
      const counter = !/xl\/media\//.test(entry.fileName)
        ? new XmlCounter(
            {
              ...limits,
              maxRows: limits.maxRows - sheetCounts.rows,
              maxCells: limits.maxCells - sheetCounts.cells,
            },
            isSheet,
          )
        : null;
      const kept: Buffer[] | null = keep(entry.fileName) ? [] : null;
      const size = await inflate(zip, entry, counter, kept);
      total += size;
      if (kept) parts.set(entry.fileName, Buffer.concat(kept, size));
      if (counter) {
        sheetCounts.rows += counter.rows;
        sheetCounts.cells += counter.cells;
      }
    }
  } finally {
    zip.close();
  }
  return { notReadable: null, entries, parts };
}

function nextEntry(zip: yauzl.ZipFile): Promise<yauzl.Entry | null> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      zip.off('entry', onEntry).off('end', onEnd).off('error', onError);
    };
    const onEntry = (e: yauzl.Entry) => (cleanup(), resolve(e));
    const onEnd = () => (cleanup(), resolve(null));
    const onError = () => (
      cleanup(),
      reject(unreadable('the XLSX file is damaged (its zip directory does not read)'))
    );
    zip.on('entry', onEntry).on('end', onEnd).on('error', onError);
    zip.readEntry();
  });
}

function inflate(
  zip: yauzl.ZipFile,
  entry: yauzl.Entry,
  counter: XmlCounter | null,
  kept: Buffer[] | null,
): Promise<number> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (e, stream) => {
      if (e) return reject(unreadable(`the XLSX part ${entry.fileName} does not decompress`));
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        kept?.push(chunk);
        try {
          counter?.push(chunk);
        } catch (refusal) {
          stream.destroy();
          reject(refusal);
        }
      });
      // yauzl checks the inflated size against the declared one, so a lying header ends here.
      stream.on('error', () =>
        reject(
          unreadable(
            `the XLSX part ${entry.fileName} does not decompress to the size it declares (${entry.uncompressedSize} bytes): the file is damaged or crafted`,
          ),
        ),
      );
      stream.on('end', () => resolve(size));
    });
  });
}

// A CSV is not compressed, so the upload limit bounds its bytes; rows, cells and text are counted
// with the quoting rules of RFC 4180 (a quoted field may hold commas and line breaks).
export function inspectCsv(text: string, limits: InspectionLimits): void {
  let rows = 0;
  let cells = 0;
  let field = 0;
  let quoted = false;
  const endField = () => {
    if (++cells > limits.maxCells)
      throw exceeded('the number of cells', limits.maxCells, 'SPREADSHEET_MAX_CELLS');
    field = 0;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (quoted) {
      if (c === 0x22) {
        if (text.charCodeAt(i + 1) === 0x22) i++;
        else {
          quoted = false;
          continue;
        }
      }
    } else if (c === 0x22) {
      quoted = true;
      continue;
    } else if (c === 0x2c) {
      endField();
      continue;
    } else if (c === 0x0a) {
      endField();
      if (++rows > limits.maxRows)
        throw exceeded('the number of rows', limits.maxRows, 'SPREADSHEET_MAX_ROWS');
      continue;
    }
    // Surrogate halves are one character together.
    if ((c & 0xfc00) !== 0xdc00 && ++field > limits.maxStringChars)
      throw exceeded(
        "a cell's text (in characters)",
        limits.maxStringChars,
        'SPREADSHEET_MAX_STRING_CHARS',
      );
  }
}
