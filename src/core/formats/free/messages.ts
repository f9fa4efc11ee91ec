import { messages } from '../../messages/catalogue';

export default messages(
  {
    'free.unusual-header': (p: { columns: string }) => `unusual free header: ${p.columns}`,
    'free.row-misfit': (p: { columns: string }) => `free row does not fit the header (${p.columns})`,
    'free.no-mem-row': () => 'free output without a Mem: row',
    'free.value-too-large': () => 'free row with a value too large to be a size (more than 2^53): not read',
    'free.value-negative': (p: { label: string }) =>
      `free ${p.label} row has a negative value: old procps prints one when buffers and cache outgrow "used"; the numbers are kept as printed`,
    'free.unit-pages': (p: { unit: string }) =>
      `free: no command line gives the unit; read as ${p.unit}, since every value is a whole number of 4 KiB pages`,
    'free.unit-bytes': (p: { unit: string }) =>
      `free: no command line gives the unit; read as bytes (${p.unit}), since every value is a whole number of 4096-byte pages`,
    'free.unit-not-pages': (p: { unit: string }) =>
      `free: no command line gives the unit; read as ${p.unit}, since the values are not whole 4 KiB pages (as free -m or -g prints)`,
    'free.unit-ambiguous': (p: { unit: string; other: string }) =>
      `free: no command line gives the unit; the values are not whole 4 KiB pages, so MiB or GiB: read as ${p.unit}, though ${p.other} fits too — add the command (free -m) or /proc/meminfo to be sure`,
    'free.unit-size': (p: { unit: string }) =>
      `free: no command line gives the unit and too few values tell it; read as ${p.unit} from the size of total — add the command (free -m) or /proc/meminfo to be sure`,
    'note.free-unit-from-memtotal': (p: { was: string; unit: string }) =>
      `free's numbers were read as ${p.unit}, not ${p.was}: only that unit makes its total equal MemTotal`,
  },
  {
    'free.unusual-header': (p) => `少见的 free 表头：${p.columns}`,
    'free.row-misfit': (p) => `free 的这一行与表头（${p.columns}）对不上`,
    'free.no-mem-row': () => 'free 输出中没有 Mem: 行',
    'free.value-too-large': () => 'free 的这一行有数值过大（超过 2^53），不可能是内存大小：未读取',
    'free.value-negative': (p) => `free 的 ${p.label} 行有负值：旧版 procps 在 buffers 和 cache 超过 "used" 时会这样输出；数值按原样保留`,
    'free.unit-pages': (p) => `free：命令行没有给出单位；所有数值都是 4 KiB 页的整数倍，按 ${p.unit} 读取`,
    'free.unit-bytes': (p) => `free：命令行没有给出单位；所有数值都是 4096 字节页的整数倍，按字节（${p.unit}）读取`,
    'free.unit-not-pages': (p) => `free：命令行没有给出单位；数值不是 4 KiB 页的整数倍（free -m 或 -g 的输出），按 ${p.unit} 读取`,
    'free.unit-ambiguous': (p) =>
      `free：命令行没有给出单位；数值不是 4 KiB 页的整数倍，因此是 MiB 或 GiB：按 ${p.unit} 读取，但 ${p.other} 也说得通——请加上命令（free -m）或 /proc/meminfo 以确认`,
    'free.unit-size': (p) =>
      `free：命令行没有给出单位，数值太少无法判断；按 total 的大小读作 ${p.unit}——请加上命令（free -m）或 /proc/meminfo 以确认`,
    'note.free-unit-from-memtotal': (p) => `free 的数值按 ${p.unit} 而不是 ${p.was} 读取：只有这个单位能使其 total 等于 MemTotal`,
  },
);
