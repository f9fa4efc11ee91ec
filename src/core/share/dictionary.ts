/**
 * The preset dictionary of link version 1 (placeholder until the measured one lands).
 * It must never change once links use it: a new dictionary is a new link version.
 */
export const DICTIONARY_V1 = '';
