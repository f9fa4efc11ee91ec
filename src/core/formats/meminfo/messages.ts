import { messages } from '../../messages/catalogue';

export default messages(
  {
    'meminfo.note-kept': (p: { key: string; note: string }) => `text after ${p.key} kept as a note: ${JSON.stringify(p.note)}`,
    'meminfo.unknown-field': (p: { key: string }) => `field ${p.key} is not one ramledger knows; kept as it is`,
    'meminfo.no-memtotal': () => 'meminfo has no MemTotal line: the paste may be cut off at the start',
    'meminfo.unknown-field-dropped': (p: { cap: number }) =>
      `a field ramledger does not know, past the first ${p.cap}: not kept (a real meminfo has under 100 fields)`,
    'meminfo.value-too-large': (p: { key: string; digits: string }) =>
      `${p.key}: value too large (${p.digits}): no memory holds that many KiB, so the field is left out rather than rounded`,
    'meminfo.value-negative': (p: { key: string; value: number }) =>
      `${p.key}: value ${p.value} is negative, which the kernel never prints: the field is left out`,
  },
  {
    'meminfo.note-kept': (p) => `${p.key} 后面的文字作为备注保留：${JSON.stringify(p.note)}`,
    'meminfo.unknown-field': (p) => `字段 ${p.key} 不在 ramledger 已知的字段中，原样保留`,
    'meminfo.no-memtotal': () => 'meminfo 没有 MemTotal 行：粘贴的内容可能缺了开头',
    'meminfo.unknown-field-dropped': (p) => `超出前 ${p.cap} 个的未知字段：未保留（真实的 meminfo 不到 100 个字段）`,
    'meminfo.value-too-large': (p) => `${p.key}：数值过大（${p.digits}）：没有内存能有这么多 KiB，该字段被略去而不是取近似值`,
    'meminfo.value-negative': (p) => `${p.key}：数值 ${p.value} 为负，内核从不会输出负值：该字段被略去`,
  },
);
