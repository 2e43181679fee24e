/**
 * The import worker: parses and builds a user's indicator file off the main thread (a 20 MB
 * Fingertips export, about 100,000 rows, takes 2-3 s on one slow core). Loaded as a module
 * Web Worker it exposes itself with comlink; tests import `createImportWorker` and call it
 * directly.
 *
 * Inputs are validated once here, on entry. A bad file is an answer (`ok: false` with the
 * problems), not an exception; arguments of the wrong shape throw.
 */
import * as Comlink from 'comlink';
import {
  BuildRequestSchema,
  FileNameSchema,
  FileTextSchema,
  ImportOptionsSchema,
  KnownCodesSchema,
  type ImportApi,
  type ParseResult,
} from './import_api.ts';
import { buildImportedIndicator } from './import/build_imported_indicator.ts';
import { IMPORT_LIMITS, overByteLimit } from './import/import_limits.ts';
import { importProblem, type ImportProblem } from './import/import_problem.ts';
import { parseIndicatorCsv, summariseSeries } from './import/parse_indicator_csv.ts';
import { plainText } from './import/plain_text.ts';

export interface ImportWorkerOptions {
  /** The clock for `importedAt` (tests fix it). */
  now?: () => Date;
  /** Largest file in bytes (default IMPORT_LIMITS.maxBytes). */
  maxBytes?: number;
  /** Most data rows (default IMPORT_LIMITS.maxRows). */
  maxRows?: number;
}

export function createImportWorker(options: ImportWorkerOptions = {}): ImportApi {
  const now = options.now ?? (() => new Date());
  const maxBytes = options.maxBytes ?? IMPORT_LIMITS.maxBytes;
  const maxRows = options.maxRows ?? IMPORT_LIMITS.maxRows;

  function read(text: string, fileName: string) {
    if (overByteLimit(text, maxBytes)) {
      const mb = Math.round(maxBytes / (1024 * 1024));
      return {
        ok: false as const,
        problems: [
          importProblem({
            problem: `the file is larger than ${mb} MB, the most this atlas imports; keep only the rows of this area`,
          }),
        ],
      };
    }
    return parseIndicatorCsv(text, fileName, { maxRows });
  }

  return {
    async parse(text, fileName, known, parseOptions) {
      const name = plainText(FileNameSchema.parse(fileName));
      const codes = KnownCodesSchema.parse(known);
      const opts = ImportOptionsSchema.parse(parseOptions) ?? {};
      const parsed = read(FileTextSchema.parse(text), name);
      if (!parsed.ok) return failure(name, parsed.problems);
      const { series, defaultSeries } = summariseSeries(parsed.file, codes, opts);
      const { format, header, rowCount } = parsed.file;
      return {
        ok: true,
        format,
        fileName: parsed.file.fileName,
        header,
        rowCount,
        series,
        defaultSeries,
      };
    },

    async build(request) {
      const { text, fileName, known, areaName, choices } = BuildRequestSchema.parse(request);
      const name = plainText(fileName);
      const parsed = read(text, name);
      if (!parsed.ok) {
        return {
          ok: false,
          reason: failure(name, parsed.problems).message,
          report: null,
          problems: parsed.problems,
        };
      }
      const built = buildImportedIndicator(parsed.file, choices ?? {}, {
        known,
        areaName,
        importedAt: now().toISOString(),
      });
      return built.ok ? built : { ...built, problems: [] };
    },
  };
}

function failure(fileName: string, problems: ImportProblem[]): Extract<ParseResult, { ok: false }> {
  const first = problems[0]?.message ?? 'unknown problem';
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
  return { ok: false, fileName, message: `${fileName}: ${first}${more}`, problems };
}

// Only a Web Worker exposes itself; imported anywhere else (tests, Node) it stays inert.
if ('WorkerGlobalScope' in globalThis) Comlink.expose(createImportWorker());
