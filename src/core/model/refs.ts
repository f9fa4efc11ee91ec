/** one input line a value was read from, for "where did this number come from" */
export interface SourceRef {
  /** the input's name */
  source: string;
  /** 1-based line; 0 = the input as a whole */
  line: number;
}
