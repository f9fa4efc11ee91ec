import { messages } from '../../messages/catalogue';

export default messages(
  {
    'zoneinfo.what': () => 'zoneinfo',
    'zoneinfo.cut': (p: { node: number; zone: string; empty: boolean }) =>
      `node ${p.node} zone ${p.zone} ends before its ${p.empty ? 'protection' : 'start_pfn'} line: the paste is cut off here, so the zone is listed but not placed or counted`,
    'zoneinfo.value-too-large': (p: { digits: string }) => `value ${p.digits} is not an exact integer: left out rather than rounded`,
    'zoneinfo.line-not-understood': () => 'not a line zoneinfo prints inside a zone',
    'zoneinfo.before-zone': () => 'zoneinfo text before the first `Node N, zone NAME` line',
  },
  {
    'zoneinfo.what': () => 'zoneinfo',
    'zoneinfo.cut': (p) =>
      `节点 ${p.node} 的 ${p.zone} 区在 ${p.empty ? 'protection' : 'start_pfn'} 行之前就结束了：粘贴内容在此被截断，该区只列出，不上图也不计数`,
    'zoneinfo.value-too-large': (p) => `数值 ${p.digits} 不是精确整数：略去而不取近似值`,
    'zoneinfo.line-not-understood': () => '不是 zoneinfo 在一个区内会输出的行',
    'zoneinfo.before-zone': () => '第一个 `Node N, zone NAME` 行之前的 zoneinfo 文字',
  },
);
