/** The iomem panel's words (en, zh), kept out of the first load's catalogue (src/app/i18n/ui.ts). */
import type { Lang } from '../../../core/messages/index';

const en = {
  title: '/proc/iomem',
  hidden:
    'Read without root: the kernel printed every address as 0, so the names and the tree are shown but no address or size. Read /proc/iomem as root for them.',
  systemRam: 'System RAM',
  ranges: 'ranges',
  kernel: 'Kernel image',
  reservedIn: 'reserved inside System RAM',
  reservedBetween: 'reserved between System RAM ranges',
  entries: 'entries',
  devices: 'device windows at the top level',
  start: 'start',
  end: 'end',
  size: 'size',
  kind: 'kind',
  name: 'name',
  line: 'line',
  more: 'more entries are not listed (the CLI’s JSON has them all)',
  source: 'from',
};

const zh: typeof en = {
  title: '/proc/iomem',
  hidden: '以非 root 读取：内核把所有地址都显示为 0，因此只显示名称和树形结构，没有地址和大小。以 root 读取 /proc/iomem 才能看到。',
  systemRam: 'System RAM',
  ranges: '段',
  kernel: '内核映像',
  reservedIn: 'System RAM 之内的 reserved',
  reservedBetween: 'System RAM 各段之间的 reserved',
  entries: '条目',
  devices: '顶层的设备窗口',
  start: '起始',
  end: '结束',
  size: '大小',
  kind: '类别',
  name: '名称',
  line: '行',
  more: '条未列出（CLI 的 JSON 中有全部条目）',
  source: '来自',
};

export const iomemWords = (lang: Lang) => (lang === 'zh' ? zh : en);
