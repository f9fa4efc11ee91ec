import { messages } from '../../messages/catalogue';

export default messages(
  {
    'totals.version': (p: { line: string }) =>
      `"${p.line}": process totals of a later ramledger version; this one reads version 1 (open the link in the newer page)`,
    'totals.not-this-version': () => 'a row of process totals of another version',
    'totals.no-header': () => 'expected the column line of the process totals first',
    'totals.bad-row': (p: { columns: number }) => `expected ${p.columns} tab-separated fields: counts in KiB, then the name`,
  },
  {
    'totals.version': (p) => `"${p.line}"：这是更新版本 ramledger 的进程合计；本版本只读第 1 版（请在新版页面打开该链接）`,
    'totals.not-this-version': () => '另一版本的进程合计行',
    'totals.no-header': () => '进程合计应先有列名行',
    'totals.bad-row': (p) => `应为 ${p.columns} 个以制表符分隔的字段：以 KiB 计的数值，最后是名称`,
  },
);
