/**
 * Lists as CSV and JSON Lines, streamed: rows are written as the database hands them over (a
 * cursor in PostgreSQL, a statement of its own in SQLite), a chunk at a time and only as fast as
 * the client reads, so an export of a million rows holds a few hundred in memory.
 */

/** The formats every list can be exported in. */
export const EXPORT_FORMATS = ['csv', 'jsonl'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** One column of an export: its header and how to read it from a row. */
export interface ExportColumn<T> {
  name: string;
  value: (row: T) => string | number | boolean | undefined | null;
}

/**
 * A cell that spreadsheet programs would run as a formula (`=`, `+`, `-`, `@`, tab, carriage
 * return) gets a leading apostrophe: an entity name from a hostile page must not become a formula
 * in a newsroom's spreadsheet (OWASP "CSV injection").
 */
const formulaStart = /^[=+\-@\t\r]/;
const needsQuotes = /[",\n\r]/;

export function csvCell(value: string | number | boolean | undefined | null): string {
  if (value === undefined || value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && formulaStart.test(text)) text = `'${text}`;
  return needsQuotes.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows per chunk written to the response. */
const CHUNK_ROWS = 200;

/** A streamed body of `rows` in `format`; closing the response early stops the query. */
export function exportStream<T>(
  rows: AsyncIterable<T>,
  columns: ExportColumn<T>[],
  format: ExportFormat,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = rows[Symbol.asyncIterator]();
  let started = false;
  const line =
    format === 'csv'
      ? (row: T) => columns.map((c) => csvCell(c.value(row))).join(',')
      : (row: T) => JSON.stringify(Object.fromEntries(columns.map((c) => [c.name, c.value(row) ?? null])));
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      let text = '';
      if (!started) {
        started = true;
        // The byte-order mark tells spreadsheet programs the file is UTF-8.
        if (format === 'csv') text = `\ufeff${columns.map((c) => csvCell(c.name)).join(',')}\r\n`;
      }
      for (let n = 0; n < CHUNK_ROWS; n++) {
        const next = await iterator.next();
        if (next.done) {
          if (text) controller.enqueue(encoder.encode(text));
          controller.close();
          return;
        }
        text += `${line(next.value)}${format === 'csv' ? '\r\n' : '\n'}`;
      }
      controller.enqueue(encoder.encode(text));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}

/** Content types of the export formats. */
export const exportTypes: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  jsonl: 'application/x-ndjson; charset=utf-8',
};
