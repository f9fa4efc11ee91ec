/** The core's public entry: bytes or text in, snapshot and analysis out. */

export { type ParsedText, parseBytes, parseText } from './detect';
export { type Analysis, analyze, type Check, type Line } from './model/accounting';
export { buildSnapshot, type Snapshot } from './model/snapshot';
export { SCHEMA_VERSION, toJson } from './report/json';
export { toMarkdown } from './report/markdown';
