import { messages } from '../../messages/catalogue';

export default messages(
  {
    'iomem.address-too-large': () => 'iomem address wider than 64 bits, which no physical address is: left out',
    'iomem.odd-indent': (p: { spaces: number }) => `indented by ${p.spaces} spaces, not a multiple of two: taken one level less deep`,
    'iomem.indent-jump': (p: { depth: number; parentDepth: number }) =>
      `indented to level ${p.depth} below an entry at level ${p.parentDepth}: taken as a child of the entry above`,
    'iomem.empty-range': () => 'range ends before it starts (an empty or disabled window): kept with size 0',
    'iomem.outside-parent': (p: { name: string; parent: string; parentLine: number }) =>
      `${JSON.stringify(p.name)} reaches outside its parent ${JSON.stringify(p.parent)} (line ${p.parentLine})`,
    'iomem.overlaps-sibling': (p: { name: string; other: string; otherLine: number }) =>
      `${JSON.stringify(p.name)} overlaps ${JSON.stringify(p.other)} (line ${p.otherLine}) at the same level`,
    'note.second-iomem': (p: { source: string }) => `a second /proc/iomem (${p.source}) was not used`,
  },
  {
    'iomem.address-too-large': () => 'iomem 地址超过 64 位，不可能是物理地址：已略去',
    'iomem.odd-indent': (p) => `缩进 ${p.spaces} 个空格，不是 2 的倍数：按少一层处理`,
    'iomem.indent-jump': (p) => `缩进到第 ${p.depth} 层，而上一条在第 ${p.parentDepth} 层：按上一条的子项处理`,
    'iomem.empty-range': () => '结束地址小于起始地址（空的或已禁用的窗口）：按大小 0 保留',
    'iomem.outside-parent': (p) => `${JSON.stringify(p.name)} 超出了其父项 ${JSON.stringify(p.parent)}（第 ${p.parentLine} 行）的范围`,
    'iomem.overlaps-sibling': (p) => `${JSON.stringify(p.name)} 与同层的 ${JSON.stringify(p.other)}（第 ${p.otherLine} 行）重叠`,
    'note.second-iomem': (p) => `第二份 /proc/iomem（${p.source}）未被使用`,
  },
);
