export {
  AlsModel,
  alsModelFromFactors,
  type AlsModelData,
  type AlsModelParams,
  type HistoryEntry,
  type ItemKind,
  type ScoredItem,
} from './model.js';
export { ALS_FORMAT_VERSION, decodeAlsModel, encodeAlsModel, loadAlsModel, saveAlsModel } from './format.js';
export { DEFAULT_ALS_PARAMS, trainAls, type AlsFactors, type AlsParams, type TrainHooks } from './trainer.js';
export type { ConfidenceMode } from './kernel.js';
