export { default, contract, defaultOptions, segmentText, type Options } from './lib/segment.js';
