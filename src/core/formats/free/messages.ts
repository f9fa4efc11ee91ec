import { messages } from '../../messages/catalogue';

export default messages(
  {
    'free.unusual-header': (p: { columns: string }) => `unusual free header: ${p.columns}`,
    'free.row-misfit': (p: { columns: string }) => `free row does not fit the header (${p.columns})`,
    'free.no-mem-row': () => 'free output without a Mem: row',
    'free.unit-assumed': () => 'free: unit not given on a command line; KiB assumed (the default of free)',
  },
  {
    'free.unusual-header': (p) => `少见的 free 表头：${p.columns}`,
    'free.row-misfit': (p) => `free 的这一行与表头（${p.columns}）对不上`,
    'free.no-mem-row': () => 'free 输出中没有 Mem: 行',
    'free.unit-assumed': () => 'free：命令行没有给出单位，按 KiB 处理（free 的默认单位）',
  },
);
