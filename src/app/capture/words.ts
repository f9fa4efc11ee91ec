/** The capture dialog's words (en, zh): loaded with the dialog, not with the first page. */
import type { Lang } from '../../core/messages/index';

const en = {
  title: 'Capture everything in one command',
  intro:
    'ramledger-capture.sh collects what ramledger reads — device tree, memblock, the kernel log’s memory lines, free, meminfo, zoneinfo, buddyinfo, pagetypeinfo, slabinfo, vmallocinfo, iomem, and each process’s smaps and status (never its command line or environment) — into one text bundle. Plain POSIX sh: it runs under busybox ash and dash with nothing to install. Run it as root for everything; as another user it captures what it may and says in the bundle what it skipped.',
  download: 'Download ramledger-capture.sh',
  cli: 'With the command-line tool: ramledger capture-script prints it.',
  adb: 'Android, over adb',
  adbStream: 'or compressed: adb exec-out passes bytes through unchanged (no terminal in between)',
  ssh: 'Linux over ssh (nothing copied to the device)',
  serial: 'A serial console',
  serialHow:
    'Paste the script into the shell (or type cat > /tmp/c.sh, paste it, press Ctrl-D, then run sh /tmp/c.sh) and save the terminal log; open the log here as it is — the console’s other lines are listed, not mistaken for data.',
  serialBinary:
    'For a binary-safe transfer, gzip the bundle and print it as base64; on your computer keep only the base64 lines of the log, decode them with base64 -d, then open bundle.txt.gz here (ramledger reads gzip, not base64 text).',
  options:
    'Options: -o FILE writes to a file, -z gzips, -r reads smaps_rollup instead of smaps (big devices), -a keeps the whole kernel log.',
  drop: 'Then drop bundle.txt on this page.',
  copy: 'Copy',
  copied: 'Copied',
  close: 'Close',
};

const zh: typeof en = {
  title: '一条命令采集全部信息',
  intro:
    'ramledger-capture.sh 会把 ramledger 能读取的内容——设备树、memblock、内核日志中的内存相关行、free、meminfo、zoneinfo、buddyinfo、pagetypeinfo、slabinfo、vmallocinfo、iomem，以及每个进程的 smaps 和 status（从不读取命令行或环境变量）——收集到一个文本包中。它是纯 POSIX sh 脚本：在 busybox ash 和 dash 下都能运行，无需安装任何东西。以 root 运行可采集全部内容；以其他用户运行时只采集可读的部分，并在文本包中注明跳过了什么。',
  download: '下载 ramledger-capture.sh',
  cli: '使用命令行工具时：ramledger capture-script 会输出该脚本。',
  adb: 'Android：通过 adb',
  adbStream: '或者压缩传输：adb exec-out 原样传递字节（中间没有终端）',
  ssh: 'Linux：通过 ssh（无需向设备复制文件）',
  serial: '串口控制台',
  serialHow:
    '把脚本粘贴到 shell 中（或输入 cat > /tmp/c.sh，粘贴后按 Ctrl-D，再运行 sh /tmp/c.sh），并保存终端日志；直接在此打开该日志即可——控制台的其他行会被列出，不会被误当作数据。',
  serialBinary:
    '如需二进制安全的传输，可将文本包 gzip 压缩后以 base64 输出；在电脑上只保留日志中的 base64 行，用 base64 -d 解码，再在此打开 bundle.txt.gz（ramledger 能读取 gzip，但不能直接读取 base64 文本）。',
  options: '选项：-o FILE 写入文件，-z 进行 gzip 压缩，-r 读取 smaps_rollup 而非 smaps（适用于大型设备），-a 保留完整内核日志。',
  drop: '然后把 bundle.txt 拖放到本页面。',
  copy: '复制',
  copied: '已复制',
  close: '关闭',
};

export const CAPTURE_WORDS: Record<Lang, typeof en> = { en, zh };
