import { type AnyMsg, messages } from '../../messages/catalogue';

export default messages(
  {
    'memblock.index-too-large': () => 'index too large to be one (17 or more digits)',
    'memblock.index-gap': (p: { index: number; expected: number }) => `memblock index ${p.index} where ${p.expected} was expected`,
    'memblock.note-kept': (p: { note: string }) => `note after the range kept: ${JSON.stringify(p.note)}`,
    'memblock.range-reversed': () => 'memblock range ends before it starts: not a region, left out',
    'memblock.address-too-large': () => 'memblock address wider than 64 bits, which no physical address is: left out',
    'memblock.kind-named': (p: { hint: string }) => `named ${JSON.stringify(p.hint)}`,
    'memblock.kind-node-x': () => 'regions without a node (`x`) are only found in memblock.reserved',
    'memblock.kind-bytes': () => 'byte-granular ranges are only found in memblock.reserved',
    'memblock.kind-undecided': () => 'not named and not decidable from the ranges alone',
    'note.second-memblock': (p: { kind: string; source: string }) => `a second memblock.${p.kind} (${p.source}) was not used`,
    'note.memblock-from-calls': (p: { count: number; source: string }) =>
      `memblock.reserved replayed from the ${p.count} memblock=debug calls in ${p.source} (reserves minus frees, at the end of the log)`,
    'note.memblock-unused': (p: { source: string }) => `memblock table in ${p.source} not used: memory and reserved are both known`,
    'note.memblock-taken-as': (p: { source: string; kind: string; evidence: AnyMsg }, t) =>
      `memblock table in ${p.source} taken as memblock.${p.kind} (${t(p.evidence)}; name the file …/memblock/memory or …/reserved to be sure)`,
    'note.memblock-swapped': () => 'memblock tables swapped: the larger one must be memblock.memory',
  },
  {
    'memblock.index-too-large': () => '序号过大（17 位或更多），不可能是真实序号',
    'memblock.index-gap': (p) => `memblock 序号为 ${p.index}，应为 ${p.expected}`,
    'memblock.note-kept': (p) => `区间后的备注已保留：${JSON.stringify(p.note)}`,
    'memblock.range-reversed': () => 'memblock 区间的结束地址小于起始地址：不是有效区域，已略去',
    'memblock.address-too-large': () => 'memblock 地址超过 64 位，不可能是物理地址：已略去',
    'memblock.kind-named': (p) => `名称为 ${JSON.stringify(p.hint)}`,
    'memblock.kind-node-x': () => '没有节点（`x`）的区域只出现在 memblock.reserved 中',
    'memblock.kind-bytes': () => '按字节对齐（非整页）的区间只出现在 memblock.reserved 中',
    'memblock.kind-undecided': () => '没有名称，仅凭区间也无法判断',
    'note.second-memblock': (p) => `第二份 memblock.${p.kind}（${p.source}）未被使用`,
    'note.memblock-from-calls': (p) =>
      `memblock.reserved 由 ${p.source} 中 ${p.count} 条 memblock=debug 调用重放得到（预留减去释放，截至日志末尾）`,
    'note.memblock-unused': (p) => `${p.source} 中的 memblock 表未被使用：memory 和 reserved 都已确定`,
    'note.memblock-taken-as': (p, t) =>
      `${p.source} 中的 memblock 表被当作 memblock.${p.kind}（${t(p.evidence)}；把文件命名为 …/memblock/memory 或 …/reserved 可以确定）`,
    'note.memblock-swapped': () => 'memblock 两张表已互换：较大的一张必然是 memblock.memory',
  },
);
