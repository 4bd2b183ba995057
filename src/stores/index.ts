export * from "./offer.js";
export { DomainError } from "./slots-errors.js";
export {
  type Exec,
  type FulfilmentMode,
  type ModeRules,
  type StoreRules,
  FULFILMENT_MODES,
  loadStoreRules,
  storeRulesFromRow,
} from "./slots-rules.js";
export {
  type LocalDate,
  type LocalDateTime,
  addDays,
  compareDates,
  isoDate,
  isoInZone,
  localParts,
  weekdayOf,
  zonedInstant,
  zonedToUtc,
  zoneOffsetMinutes,
} from "./zoned-time.js";
export {
  type DeliveryAddress,
  type Hold,
  type Slot,
  type SlotService,
  type SlotsOptions,
  createSlots,
  generateSlotTimes,
} from "./slots.js";
export {
  type Store,
  type StoreAddress,
  type Fulfillment,
  addressSchema,
  fulfillmentSchema,
  slotTemplateSchema,
} from "./store.js";
export * from "./repository.js";
export * from "./priced-offer.js";
export * from "./offered-cache.js";
export {
  importStores,
  importOffers,
  knownStores,
  productIds,
  storesImporter,
  offersImporter,
  storeRecordSchema,
  offerRecordSchema,
} from "./import.js";
export { StoreCache } from "./store-cache.js";
