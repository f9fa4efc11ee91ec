/** The words of the ledger picture (#/ledger) and of the Overview's kernel and user bars. */
import { type AnyMsg, messages, visible } from '../messages/catalogue';

export default messages(
  {
    'ledger.dram': () => 'DRAM',
    'ledger.memtotal': () => 'MemTotal',
    'ledger.boot': () => 'reserved at boot',
    'ledger.kernel': () => 'kernel',
    'ledger.user': () => 'user and page cache',
    'ledger.mapped': () => 'mapped by processes',
    'formula.ledger-mapped': () => 'AnonPages + Shmem + file cache mapped (= AnonPages + Mapped)',
    'ledger.not-in-process': () => 'not in any process',
    'formula.ledger-not-in-process': (p: { mapped: number; pss: number; processes: number }) =>
      `mapped by processes − Σ PSS of the ${p.processes === 1 ? 'process' : `${p.processes} processes`} captured = ${p.mapped} − ${p.pss}`,
    'ledger.process': (p: { name: string; pid: number | null }) => (p.pid === null ? visible(p.name) : `${visible(p.name)} (${p.pid})`),
    'ledger.mapping': (p: { path: string; start: string }) => visible(p.path) || `[anonymous] ${p.start}`,
    'ledger.more': (p: { count: number }) => `${p.count} more`,
    'ledger.unsplit': () => 'not split further',
    'formula.ledger-more': (p: { count: number }) => `the ${p.count} smallest, together`,
    'formula.ledger-rest': (p: { whole: number; parts: number }) => `${p.whole} − Σ parts ${p.parts}`,
    'note.ledger-negative': (p: { what: AnyMsg; kib: number }, t) =>
      `${t(p.what)} is ${p.kib} KiB, below zero: it has no area in the picture, and its siblings fill their parent`,
    'note.ledger-nomap-overlap': (p: { sum: number; union: number }) =>
      `the no-map regions add up to ${p.sum} KiB but cover ${p.union} KiB (they overlap): the carve-outs are one area`,
  },
  {
    'ledger.dram': () => 'DRAM',
    'ledger.memtotal': () => 'MemTotal',
    'ledger.boot': () => '启动时预留',
    'ledger.kernel': () => '内核',
    'ledger.user': () => '用户态与页缓存',
    'ledger.mapped': () => '进程映射',
    'formula.ledger-mapped': () => 'AnonPages + Shmem + 已映射文件缓存（= AnonPages + Mapped）',
    'ledger.not-in-process': () => '不属于任何进程',
    'formula.ledger-not-in-process': (p) => `进程映射 − 已采集的 ${p.processes} 个进程的 PSS 之和 = ${p.mapped} − ${p.pss}`,
    'ledger.process': (p) => (p.pid === null ? visible(p.name) : `${visible(p.name)}（${p.pid}）`),
    'ledger.mapping': (p) => visible(p.path) || `[匿名] ${p.start}`,
    'ledger.more': (p) => `其余 ${p.count} 项`,
    'ledger.unsplit': () => '未进一步拆分',
    'formula.ledger-more': (p) => `最小的 ${p.count} 项之和`,
    'formula.ledger-rest': (p) => `${p.whole} − 各部分之和 ${p.parts}`,
    'note.ledger-negative': (p, t) => `${t(p.what)} 为 ${p.kib} KiB，小于零：图中没有它的面积，其同级各项占满父项`,
    'note.ledger-nomap-overlap': (p) => `no-map 区域之和为 ${p.sum} KiB，实际覆盖 ${p.union} KiB（相互重叠）：固件预留显示为一块`,
  },
);
