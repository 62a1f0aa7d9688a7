export { csvImportRoute, MAX_IMPORT_BYTES } from './csv-import-route.js';
export { ImportRefused, queryId } from './csv-import.types.js';
export type { CsvImport, ImportMode, ImportReport, RowCheck, RowError } from './csv-import.types.js';
