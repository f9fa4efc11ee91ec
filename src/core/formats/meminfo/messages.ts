import { messages } from '../../messages/catalogue';

export default messages(
  {
    'meminfo.note-kept': (p: { key: string; note: string }) => `text after ${p.key} kept as a note: ${JSON.stringify(p.note)}`,
    'meminfo.unknown-field': (p: { key: string }) => `field ${p.key} is not one ramledger knows; kept as it is`,
    'meminfo.no-memtotal': () => 'meminfo has no MemTotal line: the paste may be cut off at the start',
  },
  {
    'meminfo.note-kept': (p) => `${p.key} 后面的文字作为备注保留：${JSON.stringify(p.note)}`,
    'meminfo.unknown-field': (p) => `字段 ${p.key} 不在 ramledger 已知的字段中，原样保留`,
    'meminfo.no-memtotal': () => 'meminfo 没有 MemTotal 行：粘贴的内容可能缺了开头',
  },
);
