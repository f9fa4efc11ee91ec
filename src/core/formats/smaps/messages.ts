import { messages } from '../../messages/catalogue';

export default messages(
  {
    'smaps.vmflags-first': () => 'VmFlags before any mapping header',
    'smaps.counter-first': (p: { key: string }) => `${p.key} before any mapping header`,
    'smaps.counter-twice': (p: { key: string }) => `${p.key} given twice for one mapping`,
    'smaps.no-unit': (p: { key: string }) => `${p.key} without its kB unit (line cut off?); value not used`,
    'smaps.cut-off': () => 'last mapping has no Rss line: the capture looks cut off here',
    'note.second-smaps': (p: { pid: number | null; source: string }) => `pid ${p.pid}: a second smaps (${p.source}) was not used`,
  },
  {
    'smaps.vmflags-first': () => 'VmFlags 出现在任何映射头之前',
    'smaps.counter-first': (p) => `${p.key} 出现在任何映射头之前`,
    'smaps.counter-twice': (p) => `同一个映射的 ${p.key} 出现了两次`,
    'smaps.no-unit': (p) => `${p.key} 缺少 kB 单位（行被截断？）；该值未使用`,
    'smaps.cut-off': () => '最后一个映射没有 Rss 行：采集内容看起来在这里被截断了',
    'note.second-smaps': (p) => `pid ${p.pid}：第二份 smaps（${p.source}）未被使用`,
  },
);
