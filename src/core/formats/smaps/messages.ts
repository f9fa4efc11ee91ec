import { messages } from '../../messages/catalogue';

export default messages(
  {
    'smaps.vmflags-first': () => 'VmFlags before any mapping header',
    'smaps.counter-first': (p: { key: string }) => `${p.key} before any mapping header`,
    'smaps.counter-twice': (p: { key: string }) => `${p.key} given twice for one mapping`,
    'smaps.no-unit': (p: { key: string }) => `${p.key} without its kB unit (line cut off?); value not used`,
    'smaps.cut-off': () => 'last mapping has no Rss line: the capture looks cut off here',
    'smaps.too-large': (p: { key: string }) => `${p.key} larger than any memory (more than 15 digits); value not used`,
    'smaps.reversed': (p: { count: number }) =>
      `${p.count === 1 ? 'a mapping ends' : `${p.count} mappings end`} before ${p.count === 1 ? 'it starts' : 'they start'} (first here): no kernel prints that; the file is damaged or edited`,
    'smaps.rss-over-size': (p: { count: number }) =>
      `${p.count === 1 ? 'a mapping has' : `${p.count} mappings have`} more Rss than Size (first here): no kernel prints that; the file is damaged or edited`,
    'smaps.no-pss': (p: { count: number }) =>
      `${p.count === 1 ? 'a mapping has' : `${p.count} mappings have`} Rss but no Pss line (first here; kernels before 2.6.25 print none): PSS is counted as 0 for ${p.count === 1 ? 'it' : 'them'}, so the process's PSS is too low`,
    'note.second-smaps': (p: { pid: number | null; source: string }) => `pid ${p.pid}: a second smaps (${p.source}) was not used`,
  },
  {
    'smaps.vmflags-first': () => 'VmFlags 出现在任何映射头之前',
    'smaps.counter-first': (p) => `${p.key} 出现在任何映射头之前`,
    'smaps.counter-twice': (p) => `同一个映射的 ${p.key} 出现了两次`,
    'smaps.no-unit': (p) => `${p.key} 缺少 kB 单位（行被截断？）；该值未使用`,
    'smaps.cut-off': () => '最后一个映射没有 Rss 行：采集内容看起来在这里被截断了',
    'smaps.too-large': (p) => `${p.key} 超过任何内存的大小（多于 15 位数字）；该值未使用`,
    'smaps.reversed': (p) => `${p.count} 个映射的结束地址小于起始地址（首个在此行）：内核不会这样输出，文件已损坏或被改动`,
    'smaps.rss-over-size': (p) => `${p.count} 个映射的 Rss 大于 Size（首个在此行）：内核不会这样输出，文件已损坏或被改动`,
    'smaps.no-pss': (p) =>
      `${p.count} 个映射有 Rss 但没有 Pss 行（首个在此行；2.6.25 之前的内核不输出 Pss）：它们的 PSS 按 0 计，进程的 PSS 因此偏低`,
    'note.second-smaps': (p) => `pid ${p.pid}：第二份 smaps（${p.source}）未被使用`,
  },
);
