export * from "./offer.js";
export { importStores, importOffers, storesImporter, offersImporter, storeRecordSchema, offerRecordSchema } from "./import.js";
