/** The core's public entry: bytes or text in, snapshot and analysis out. */

export { type ByteLimits, DEFAULT_LIMITS, parseBytes, tooBig, unreadable } from './formats/bytes';
export { type ParsedText, parseText } from './formats/detect';
export { type FormatId, type Segment, segmentsOf } from './formats/registry';
export { type Msg, render } from './messages/catalogue';
export { CATALOGUES, type Lang } from './messages/index';
export { type Analysis, analyze, type Check, type Line } from './model/accounting/index';
export { buildIsolated, type InputParts } from './model/isolate';
export { buildSnapshot, type Snapshot } from './model/snapshot';
export { SCHEMA_VERSION, toJson } from './report/json';
export { toMarkdown } from './report/markdown';
