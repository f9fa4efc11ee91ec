/** the seed's inputs, in the order the article reads them (expected.json is the answer); shared by tests/ and e2e/ */
export const SEED_FILES = [
  'reserved-memory.dts',
  'memblock-memory.txt',
  'memblock-reserved.txt',
  'dmesg-memory-line.txt',
  'free.txt',
  'meminfo.txt',
  'smaps-stack.txt',
];
