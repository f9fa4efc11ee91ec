import { messages } from '../../messages/catalogue';
import type { UnusedKind } from './types';

const UNUSED_EN: Record<UnusedKind, string> = {
  'virtual-layout': 'the virtual kernel memory layout',
  'hash-tables': 'hash table sizes',
  percpu: 'per-CPU areas',
  swiotlb: 'the software IO TLB (bounce buffers)',
  crashkernel: 'the crash kernel reservation',
  'e820-update': 'changes to the e820 map',
  initrd: 'the initrd',
  numa: 'NUMA and zone set-up',
  hugetlb: 'huge page pools',
  'allocator-setup': 'allocator set-up',
  'command-line': 'the kernel command line (mem=, cma=, crashkernel= are not applied here)',
  'other-memory': 'other memory lines',
};
const UNUSED_ZH: Record<UnusedKind, string> = {
  'virtual-layout': '内核虚拟内存布局',
  'hash-tables': '哈希表大小',
  percpu: '每 CPU 区域',
  swiotlb: '软件 IO TLB（回弹缓冲区）',
  crashkernel: 'crash kernel 预留',
  'e820-update': 'e820 表的修改',
  initrd: 'initrd',
  numa: 'NUMA 与内存区设置',
  hugetlb: '大页池',
  'allocator-setup': '分配器设置',
  'command-line': '内核命令行（其中的 mem=、cma=、crashkernel= 不在此应用）',
  'other-memory': '其他内存相关行',
};

export default messages(
  {
    'kmsg.second-memory-line': () => 'a second Memory: line; the first one is used',
    'kmsg.other-lines': (p: { count: number }) => `${p.count} kernel log lines carry nothing about memory layout (read, not used)`,
    'kmsg.value-too-large': () => 'a number here is too large to be exact (17 or more digits): the line is not read',
    'kmsg.boots': (p: { boots: number; first: number; from: number }) =>
      `the log holds ${p.boots} boots; the last one (from line ${p.from}) is used, as the other dumps were taken after it; lines ${p.first}–${p.from - 1} (the earlier boots) are not used`,
    'kmsg.unused': (p: { kind: UnusedKind; count: number; lines: string }) =>
      `${p.count} memory line${p.count === 1 ? '' : 's'} of the log read but used for no number: ${UNUSED_EN[p.kind]} (line${p.count === 1 ? '' : 's'} ${p.lines})`,
    'kmsg.other-programs': (p: { count: number }) =>
      `${p.count} syslog line${p.count === 1 ? '' : 's'} of other programs than the kernel (read, not used)`,
  },
  {
    'kmsg.second-memory-line': () => '出现第二个 Memory: 行；使用第一个',
    'kmsg.other-lines': (p) => `${p.count} 行内核日志与内存布局无关（已读取，未使用）`,
    'kmsg.value-too-large': () => '此行有数字过大、无法精确表示（17 位或更多）：该行未读取',
    'kmsg.boots': (p) =>
      `日志包含 ${p.boots} 次启动；使用最后一次（从第 ${p.from} 行起），其他数据都是在它之后采集的；第 ${p.first}–${p.from - 1} 行（之前的启动）未使用`,
    'kmsg.other-programs': (p) => `${p.count} 行来自内核以外程序的 syslog 日志（已读取，未使用）`,
    'kmsg.unused': (p) => `日志中 ${p.count} 行内存相关内容已读取，但未用于任何数值：${UNUSED_ZH[p.kind]}（第 ${p.lines} 行）`,
  },
);
