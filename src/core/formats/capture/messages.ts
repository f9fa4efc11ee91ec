import { messages } from '../../messages/catalogue';

/** the reasons public/ramledger-capture.sh gives for what it skipped (its exact words) */
export const SKIP_REASONS = [
  'not present',
  'permission denied',
  'could not be read',
  'no such command',
  'no memblock tables kept after boot',
  'debugfs not mounted and not mountable',
  'no base64 or od',
] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

const REASON_EN: Record<SkipReason, string> = {
  'not present': 'not present on this system',
  'permission denied': 'permission denied (run the script as root to capture it)',
  'could not be read': 'could not be read',
  'no such command': 'the command is not on this system',
  'no memblock tables kept after boot': 'the kernel keeps no memblock tables after boot (CONFIG_ARCH_KEEP_MEMBLOCK is off)',
  'debugfs not mounted and not mountable': 'debugfs is not mounted and could not be mounted (run the script as root)',
  'no base64 or od': 'neither base64 nor od was there to write it as text',
};
const REASON_ZH: Record<SkipReason, string> = {
  'not present': '此系统上不存在',
  'permission denied': '权限不足（以 root 运行脚本才能采集）',
  'could not be read': '无法读取',
  'no such command': '此系统上没有该命令',
  'no memblock tables kept after boot': '内核启动后未保留 memblock 表（未开启 CONFIG_ARCH_KEEP_MEMBLOCK）',
  'debugfs not mounted and not mountable': 'debugfs 未挂载且无法挂载（请以 root 运行脚本）',
  'no base64 or od': '没有 base64 或 od 可把它写成文本',
};

export default messages(
  {
    'capture.started': (p: { version: string; uid: string; date: string }) =>
      `captured by ramledger-capture.sh (version ${p.version}) as ${p.uid === '0' ? 'root' : `user ${p.uid}`}${p.date ? `, ${p.date}` : ''}`,
    'capture.skipped': (p: { path: string; why: SkipReason }) => `the capture script skipped ${p.path}: ${REASON_EN[p.why]}`,
    'capture.mounted': (p: { path: string }) => `the capture script mounted debugfs on ${p.path} to read memblock, and unmounted it after`,
    'capture.processes': (p: { read: number; denied: number; gone: number }) =>
      `the capture script read ${p.read} processes${p.denied > 0 ? `; ${p.denied} could not be read (permission denied: run it as root to capture them)` : ''}${p.gone > 0 ? `; ${p.gone} exited during the capture` : ''}`,
    'capture.took': (p: { seconds: number; bytes: number }) => `the capture took ${p.seconds} s and made ${p.bytes} bytes of text`,
    'capture.note': (p: { text: string }) => `a note of the capture script: ${p.text}`,
  },
  {
    'capture.started': (p) =>
      `由 ramledger-capture.sh（第 ${p.version} 版）以${p.uid === '0' ? ' root' : `用户 ${p.uid}`} 身份采集${p.date ? `，${p.date}` : ''}`,
    'capture.skipped': (p) => `采集脚本跳过了 ${p.path}：${REASON_ZH[p.why]}`,
    'capture.mounted': (p) => `采集脚本为读取 memblock 把 debugfs 挂载到 ${p.path}，之后已卸载`,
    'capture.processes': (p) =>
      `采集脚本读取了 ${p.read} 个进程${p.denied > 0 ? `；${p.denied} 个无法读取（权限不足：以 root 运行才能采集）` : ''}${p.gone > 0 ? `；${p.gone} 个在采集中退出` : ''}`,
    'capture.took': (p) => `采集用时 ${p.seconds} 秒，生成 ${p.bytes} 字节文本`,
    'capture.note': (p) => `采集脚本的说明：${p.text}`,
  },
);
