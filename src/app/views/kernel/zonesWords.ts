/** The zones and fragmentation panels' words (loaded with the kernel view, not the first page). */
import { useStore } from '../../store';

const en = {
  zonesTitle: 'Zones',
  zonesHelp:
    'Each zone of the page allocator: the pages it spans, those present, those the buddy allocator manages, what is free and its watermarks. The zones are a lane of the address map.',
  onMap: 'Show on the address map',
  node: 'node',
  zone: 'zone',
  range: 'physical range',
  spanned: 'spanned',
  present: 'present',
  managed: 'managed',
  free: 'free',
  watermarks: 'min / low / high',
  pcp: 'per-cpu',
  empty: 'empty',
  cut: 'cut off',
  total: 'all zones',
  fragTitle: 'Free blocks by order',
  fragHelp:
    'Free memory by the size of the contiguous block it is in (order n = 2ⁿ pages). Only a block at least as large as a request can serve it without compaction.',
  ask: 'Could a contiguous allocation succeed now?',
  size: 'size',
  order: 'order',
  answer: 'answer',
  zones: 'zones',
  largest: 'largest free block',
  byType: 'by migrate type',
  freeKiB: 'free',
  blocks: 'pageblocks by migrate type',
};

type Words = typeof en;

const zh: Words = {
  zonesTitle: '内存区（zone）',
  zonesHelp: '页分配器的每个区：跨越的页、实际存在的页、伙伴分配器管理的页、空闲量和水位。这些区也是地址图的一条通道。',
  onMap: '在地址图上查看',
  node: '节点',
  zone: '区',
  range: '物理范围',
  spanned: '跨越',
  present: '存在',
  managed: '管理',
  free: '空闲',
  watermarks: 'min / low / high',
  pcp: 'per-cpu',
  empty: '空',
  cut: '被截断',
  total: '所有区',
  fragTitle: '按阶的空闲块',
  fragHelp: '按所在连续块大小统计的空闲内存（n 阶 = 2ⁿ 页）。只有不小于请求的块才能不经规整就满足它。',
  ask: '现在能分配到这么大的连续内存吗？',
  size: '大小',
  order: '阶',
  answer: '回答',
  zones: '区',
  largest: '最大空闲块',
  byType: '按迁移类型',
  freeKiB: '空闲',
  blocks: '按迁移类型的页块数',
};

/** the panels' words in the reader's language */
export function useZonesWords(): Words {
  const lang = useStore((s) => s.lang);
  return lang === 'zh' ? zh : en;
}
