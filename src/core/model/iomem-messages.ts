/** The words of the iomem checks and summary (src/core/model/iomem.ts, the iomem entries of the check table). */
import { messages } from '../messages/catalogue';

export default messages(
  {
    'check.iomem-ram': () => 'Σ System RAM in /proc/iomem = the memory the kernel was given',
    'why.iomem-ram': () =>
      'The kernel registers System RAM from the memory it was given (memblock.memory on ARM and arm64, the e820 map on x86), in whole pages. ' +
      'arm64 registers NOMAP ranges as "reserved", not System RAM, and ARM leaves them out, so they are taken off the other side. ' +
      'Against memblock.memory the sums must match (memory hot-plugged later would add to System RAM); against the device tree banks or the ' +
      "boot line's physical pages System RAM may only fall short: mem= trims it, and newer kernels count NOMAP pages as present.",
    'formula.iomem-ram': () => 'Σ System RAM (whole pages)',
    'formula.iomem-ram-reference': (p: { from: 'memblock' | 'device-tree' | 'boot' }) =>
      p.from === 'memblock'
        ? 'Σ memblock.memory − NOMAP'
        : p.from === 'device-tree'
          ? 'device tree memory banks − no-map carve-outs'
          : 'physical pages of the Memory: line',
    'check.iomem-kernel': () => 'kernel sections in /proc/iomem = kernel image of the Memory: line',
    'why.iomem-kernel': () =>
      'Both measure the same image from the linker symbols. x86 prints code, rodata, data and bss as printed in the Memory: line; arm64 and ARM ' +
      'print "Kernel code" from _stext to the init section (text and rodata) and "Kernel data" from _sdata to _end (data, bss and the early ' +
      'page tables), padded to section alignment (64 KiB on arm64), and the Memory: line rounds each part down to a KiB. The init section is ' +
      'in neither.',
    'formula.iomem-kernel': (p: { parts: string[] }) => `Σ Kernel ${p.parts.join(' + ')}`,
    'formula.iomem-kernel-boot': () => 'kernel code + rwdata + rodata + bss of the Memory: line',
    'check.iomem-nomap': () => 'no-map carve-outs are not System RAM',
    'why.iomem-nomap': () =>
      'A reserved-memory region with no-map is taken out of the linear map: arm64 lists it as a top-level "reserved" entry and ARM leaves ' +
      'it out, so none of it may lie in System RAM. Where some does, the kernel did not honour no-map (an older kernel, or a different ' +
      'device tree than the one given).',
    'formula.iomem-nomap': () => 'no-map carve-outs outside System RAM',
    'formula.iomem-nomap-right': () => 'Σ no-map carve-outs in DRAM',
    'fact.iomem': () => '/proc/iomem read as root (a non-root read shows every address as 0)',
    'fact.ramReference': () => 'memblock/memory, the device tree memory banks or a Memory: line',
    'fact.iomemKernel': () => 'Kernel code/data entries in /proc/iomem',
    'fact.bootImage': () => 'a Memory: line with its kernel code, rwdata, rodata and bss sizes',
    'fact.noMapCarveOuts': () => 'no-map carve-outs (device tree reserved-memory or memblock NOMAP)',
    'region.iomem': (p: { name: string }) => `iomem: ${p.name}`,
    'lane.iomem': () => '/proc/iomem',
    'lane.iomem in RAM': () => '/proc/iomem inside System RAM',
  },
  {
    'check.iomem-ram': () => '/proc/iomem 中 System RAM 之和 = 内核得到的内存',
    'why.iomem-ram': () =>
      '内核按整页把得到的内存（ARM 与 arm64 为 memblock.memory，x86 为 e820 表）登记为 System RAM。arm64 把 NOMAP 区间登记为“reserved”而不是 System RAM，' +
      'ARM 则直接略去，所以另一侧要减去它们。与 memblock.memory 比较时两侧必须相等（之后热插拔的内存会使 System RAM 变多）；与设备树内存 bank 或启动行的物理页比较时，' +
      'System RAM 只能更少：mem= 会截掉一部分，新内核也把 NOMAP 页计为存在的页。',
    'formula.iomem-ram': () => 'Σ System RAM（整页）',
    'formula.iomem-ram-reference': (p) =>
      p.from === 'memblock'
        ? 'Σ memblock.memory − NOMAP'
        : p.from === 'device-tree'
          ? '设备树内存 bank − no-map 预留区'
          : 'Memory: 行的物理页',
    'check.iomem-kernel': () => '/proc/iomem 中的内核段 = Memory: 行的内核映像',
    'why.iomem-kernel': () =>
      '两者都由链接符号算出同一个映像。x86 分别列出 code、rodata、data 和 bss，与 Memory: 行一致；arm64 和 ARM 的“Kernel code”从 _stext 到 init 段（含 text 与 rodata），' +
      '“Kernel data”从 _sdata 到 _end（含 data、bss 和早期页表），并按段对齐补齐（arm64 为 64 KiB），而 Memory: 行把每一部分向下取整到 KiB。init 段两边都不含。',
    'formula.iomem-kernel': (p) => `Σ Kernel ${p.parts.join(' + ')}`,
    'formula.iomem-kernel-boot': () => 'Memory: 行的 kernel code + rwdata + rodata + bss',
    'check.iomem-nomap': () => 'no-map 预留区不是 System RAM',
    'why.iomem-nomap': () =>
      '带 no-map 的 reserved-memory 区域不进入线性映射：arm64 把它列为顶层的“reserved”，ARM 则略去，所以它的任何部分都不应在 System RAM 中。' +
      '若有部分在其中，说明内核没有遵守 no-map（较旧的内核，或与所给设备树不同的设备树）。',
    'formula.iomem-nomap': () => 'System RAM 之外的 no-map 预留区',
    'formula.iomem-nomap-right': () => 'DRAM 中 no-map 预留区之和',
    'fact.iomem': () => '以 root 读取的 /proc/iomem（非 root 读取时所有地址都显示为 0）',
    'fact.ramReference': () => 'memblock/memory、设备树内存 bank 或 Memory: 行',
    'fact.iomemKernel': () => '/proc/iomem 中的 Kernel code/data 条目',
    'fact.bootImage': () => '带 kernel code、rwdata、rodata 和 bss 大小的 Memory: 行',
    'fact.noMapCarveOuts': () => 'no-map 预留区（设备树 reserved-memory 或 memblock NOMAP）',
    'region.iomem': (p) => `iomem：${p.name}`,
    'lane.iomem': () => '/proc/iomem',
    'lane.iomem in RAM': () => '/proc/iomem：System RAM 之内',
  },
);
