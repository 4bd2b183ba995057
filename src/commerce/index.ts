export { importFile, importDemoData, IMPORT_KINDS } from "./import-file.js";
export { importCustomers, customersImporter, customerRecordSchema } from "./import-customers.js";
