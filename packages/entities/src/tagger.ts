/**
 * `@galley/entities/tagger`: the tagger's parts for tools that train, inspect or score it (the
 * trainer in `tools/train-ner`, the shared harness adapter). The entities stage itself needs only
 * the package's main entry.
 */
export {
  DocumentFeatures,
  FeatureBuffer,
  FEATURE_VERSION,
  GAZETTEER_CLASSES,
  GAZETTEER_PREFIX,
  gazetteerHash,
  isDictionaryWord,
  MAX_CLUSTER_DEPTH,
  packWordClass,
  type Lexicon,
} from './lib/tagger/features.js';
export { FNV_OFFSET, fnvStep, hashLower, hashPhrase, lowerCode, mix, PHRASE_SEED } from './lib/tagger/hash.js';
export { CountRows, IntMap, KeyIndex } from './lib/tagger/key-index.js';
export {
  allowed,
  fromIob,
  labelPart,
  labelType,
  LABEL_COUNT,
  makeLabel,
  toIob2,
  TRANSITIONS,
  TYPES,
  type EntityType,
} from './lib/tagger/labels.js';
export {
  decodeModel,
  defaultModel,
  DEFAULT_MODEL_URL,
  encodeModel,
  TaggerModel,
  type StageWeights,
} from './lib/tagger/model.js';
export { Decoder, viterbi, type Scorer } from './lib/tagger/decode.js';
export { tagDocument, tagSecondStage, TaggerState } from './lib/tagger/tagger.js';
export { propagateLabels } from './lib/tagger/propagate.js';
export { normaliseToken } from './lib/mentions.js';
export {
  addPlaces,
  decodePlaces,
  defaultPlaces,
  encodePlaces,
  placeKey,
  PlaceTable,
  type PlaceEntry,
} from './lib/places.js';
export { tokenize, type Token } from './lib/tokenize.js';
