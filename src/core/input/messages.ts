import { type AnyMsg, messages } from '../messages/catalogue';
import type { UnreadKind } from './unread';

const UNREAD_EN: Record<UnreadKind, string> = {
  slabinfo: 'a /proc/slabinfo line out of place (its reader takes the file from its first line)',
  vmallocinfo: 'a /proc/vmallocinfo line out of place (its reader takes the file from its first line)',
  zoneinfo: 'a /proc/zoneinfo line out of place (its reader takes the file from its first line)',
  buddyinfo: 'a /proc/buddyinfo line out of place (its reader takes the file from its first line)',
  pagetypeinfo: 'a /proc/pagetypeinfo line out of place (its reader takes the file from its first line)',
  ioports: '/proc/ioports (I/O ports, not memory)',
  maps: '/proc/PID/maps (smaps carries the sizes: capture smaps instead)',
  bootloader: 'bootloader or firmware output',
  shell: "the shell's own output",
  text: 'text that is none of the dumps ramledger reads',
};
const UNREAD_ZH: Record<UnreadKind, string> = {
  slabinfo: '位置不对的 /proc/slabinfo 行（该文件需从第一行起读取）',
  vmallocinfo: '位置不对的 /proc/vmallocinfo 行（该文件需从第一行起读取）',
  zoneinfo: '位置不对的 /proc/zoneinfo 行（该文件需从第一行起读取）',
  buddyinfo: '位置不对的 /proc/buddyinfo 行（该文件需从第一行起读取）',
  pagetypeinfo: '位置不对的 /proc/pagetypeinfo 行（该文件需从第一行起读取）',
  ioports: '/proc/ioports（I/O 端口，不是内存）',
  maps: '/proc/PID/maps（大小在 smaps 中：请改为采集 smaps）',
  bootloader: 'bootloader 或固件的输出',
  shell: 'shell 自身的输出',
  text: '不属于 ramledger 能读取的任何转储的文本',
};

export default messages(
  {
    'diag.parser-failed': (p: { format: string; why: string; from: number; to: number }) =>
      `the ${p.format} reader stopped on this input (${p.why}): lines ${p.from}–${p.to} not read; please report it with the input`,
    'diag.not-understood': () => 'line not understood',
    'diag.unread-run': (p: { from: number; to: number; count: number; kind: UnreadKind; first: string }) =>
      `${p.from === p.to ? `line ${p.from}` : `lines ${p.from}–${p.to} (${p.count} lines)`}: ${UNREAD_EN[p.kind]}, not read: ${p.first}${p.count > 1 ? ' …' : ''}`,
    'diag.unread': (p: { why: AnyMsg; text: string }, t) => `${t(p.why)}: ${p.text}`,
    'diag.more-unread': (p: { more: number; cap: number }) => `${p.more} more lines not understood (only the first ${p.cap} are listed)`,
    'diag.more-of-kind': (p: { count: number; from: number; to: number; like: AnyMsg; cap: number }, t) =>
      `${p.count} more ${p.count === 1 ? 'line' : 'lines'} like "${t(p.like)}" ${p.from === p.to ? `at line ${p.from}` : `within lines ${p.from}–${p.to}`}${p.cap > 0 ? ` (only the first ${p.cap} are listed)` : ''}`,
    'bytes.too-big': (p: { size: string; limit: string }) => `file is ${p.size}, over the ${p.limit} limit; not read`,
    'bytes.utf16': (p: { encoding: string }) => `read as ${p.encoding} text (as PowerShell and Windows editors save it)`,
    'bytes.pieces': (p: { piece: string }) =>
      `more than ${p.piece} of text without a \`==> path <==\` header: read in pieces of ${p.piece}, cut at line ends; a dump that spans a cut reads as two`,
    'bytes.gzip-nested': (p: { depth: number }) =>
      `gzip inside gzip ${p.depth} levels deep: not read (a capture is compressed once, a tar of it at most twice)`,
    'bytes.gzip-damaged': (p: { why: string }) => `gzip data is damaged: ${p.why}`,
    'bytes.gzip-too-big': (p: { size: string; limit: string }) => `gzip inflates to ${p.size}, over the ${p.limit} limit`,
    'bytes.secret': () => 'not read: command lines and environments can hold secrets (ramledger never reads them)',
    'bytes.binary': () => 'binary file (holds NUL bytes), not a text dump; not read',
    'bytes.tar-damaged': (p: { offset: number }) => `tar header at byte ${p.offset} is damaged; the rest of the archive is not read`,
    'bytes.tar-cut': () => 'tar member cut off: the archive is truncated',
    'bytes.tar-empty': () => 'tar archive holds no readable files',
    'bytes.not-a-file': () => 'not a regular file (a device, a FIFO or a socket): not read — copy the text to a file first',
    'bytes.skipped': (p: { what: 'link-to-folder' | 'dangling-link' | 'not-regular' }) =>
      `skipped: ${{ 'link-to-folder': 'a link to a folder (not followed)', 'dangling-link': 'a link to nothing readable', 'not-regular': 'not a regular file (a device, a FIFO or a socket)' }[p.what]}`,
    'bytes.tar-empty-members': (p: { count: number; first: string }) =>
      `${p.count} member${p.count === 1 ? ' is' : 's are'} empty (${p.first}${p.count > 5 ? ', …' : ''}): tar stores /proc files empty, since procfs reports size 0 — copy them with cat first (cat /proc/meminfo > meminfo)`,
    'bytes.read-failed': (p: { why: string }) => `could not be read: ${p.why}`,
    'input.model-failed': (p: { why: string }) =>
      `ramledger failed on this input and left it out, so the others still show (please report it): ${p.why}`,
  },
  {
    'diag.parser-failed': (p) => `${p.format} 读取器在此输入上出错（${p.why}）：第 ${p.from}–${p.to} 行未读取；请附上输入报告此问题`,
    'diag.not-understood': () => '无法识别的行',
    'diag.unread-run': (p) =>
      `${p.from === p.to ? `第 ${p.from} 行` : `第 ${p.from}–${p.to} 行（${p.count} 行）`}：${UNREAD_ZH[p.kind]}，未读取：${p.first}${p.count > 1 ? ' …' : ''}`,
    'diag.unread': (p, t) => `${t(p.why)}：${p.text}`,
    'diag.more-unread': (p) => `另有 ${p.more} 行无法识别（只列出前 ${p.cap} 行）`,
    'diag.more-of-kind': (p, t) =>
      `${p.from === p.to ? `第 ${p.from} 行` : `第 ${p.from}–${p.to} 行之间`}另有 ${p.count} 行与“${t(p.like)}”同类${p.cap > 0 ? `（只列出前 ${p.cap} 行）` : ''}`,
    'bytes.too-big': (p) => `文件大小为 ${p.size}，超过 ${p.limit} 的上限；未读取`,
    'bytes.utf16': (p) => `按 ${p.encoding} 文本读取（PowerShell 和 Windows 编辑器这样保存）`,
    'bytes.pieces': (p) =>
      `超过 ${p.piece} 的文本没有 \`==> path <==\` 标题：按 ${p.piece} 分段读取，在行尾切分；跨越切分点的转储会被读成两段`,
    'bytes.gzip-nested': (p) => `gzip 嵌套 ${p.depth} 层：未读取（采集数据最多压缩一次，其 tar 包最多两次）`,
    'bytes.gzip-damaged': (p) => `gzip 数据已损坏：${p.why}`,
    'bytes.gzip-too-big': (p) => `gzip 解压后为 ${p.size}，超过 ${p.limit} 的上限`,
    'bytes.secret': () => '未读取：命令行和环境变量可能含有机密信息（ramledger 从不读取）',
    'bytes.binary': () => '二进制文件（含 NUL 字节），不是文本转储；未读取',
    'bytes.tar-damaged': (p) => `第 ${p.offset} 字节处的 tar 头已损坏；归档的其余部分未读取`,
    'bytes.tar-cut': () => 'tar 成员被截断：归档不完整',
    'bytes.tar-empty': () => 'tar 归档中没有可读取的文件',
    'bytes.not-a-file': () => '不是普通文件（设备、FIFO 或套接字）：未读取——请先把文本复制到文件中',
    'bytes.skipped': (p) =>
      `已跳过：${{ 'link-to-folder': '指向文件夹的链接（不跟随）', 'dangling-link': '指向不可读内容的链接', 'not-regular': '不是普通文件（设备、FIFO 或套接字）' }[p.what]}`,
    'bytes.tar-empty-members': (p) =>
      `${p.count} 个成员为空（${p.first}${p.count > 5 ? '，…' : ''}）：tar 会把 /proc 文件存成空文件，因为 procfs 报告的大小为 0——请先用 cat 复制（cat /proc/meminfo > meminfo）`,
    'bytes.read-failed': (p) => `无法读取：${p.why}`,
    'input.model-failed': (p) => `ramledger 处理此输入时出错，已将其排除，其他输入仍会显示（请报告此问题）：${p.why}`,
  },
);
