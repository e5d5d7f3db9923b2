export { default, segment, segmentText, type Options } from './lib/segment.js';
