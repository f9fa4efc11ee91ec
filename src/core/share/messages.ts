import { messages } from '../messages/catalogue';

const mib = (n: number) => `${(n / 1048576).toFixed(0)} MiB`;

export default messages(
  {
    'share.not-json': (p: { why: string }) => `the snapshot is not valid JSON (${p.why})`,
    'share.not-snapshot': () => 'this is not a ramledger snapshot',
    'share.version': (p: { version: string }) =>
      `the snapshot is of version ${p.version}, which this ramledger cannot read (it reads version 1): open it in the page that made it`,
    'share.schema': (p: { path: string; why: string }) => `the snapshot is damaged or was altered: ${p.path}: ${p.why}`,
    'share.too-long': (p: { chars: number; cap: number }) =>
      `the link holds ${p.chars.toLocaleString('en')} characters, more than the ${p.cap.toLocaleString('en')} read: ask for the snapshot file`,
    'share.bad-encoding': () => 'the link is damaged: its snapshot is not base64url (cut off or altered when it was copied?)',
    'share.inflates-past-cap': (p: { cap: number }) =>
      `the link's snapshot unpacks to more than ${mib(p.cap)}: refused (a real link stays far below; this one may be a decompression bomb)`,
    'share.damaged': (p: { why: string }) => `the link is damaged (cut off when it was copied?): ${p.why}`,
    'share.nested': () => 'a snapshot inside a snapshot is not read',
    'share.empty': () => 'the snapshot holds no input',
    'share.packed': () =>
      'gzip or tar data inside a snapshot: not read (a snapshot carries its inputs as they were read, never compressed; this one was altered)',
  },
  {
    'share.not-json': (p) => `快照不是有效的 JSON（${p.why}）`,
    'share.not-snapshot': () => '这不是 ramledger 快照',
    'share.version': (p) => `快照版本为 ${p.version}，本 ramledger 无法读取（只读第 1 版）：请在生成它的页面中打开`,
    'share.schema': (p) => `快照已损坏或被改动：${p.path}：${p.why}`,
    'share.too-long': (p) =>
      `该链接有 ${p.chars.toLocaleString('en')} 个字符，超过可读取的 ${p.cap.toLocaleString('en')} 个：请向对方索取快照文件`,
    'share.bad-encoding': () => '链接已损坏：其中的快照不是 base64url（复制时被截断或改动？）',
    'share.inflates-past-cap': (p) => `链接中的快照解压后超过 ${mib(p.cap)}：已拒绝（正常链接远小于此；它可能是解压炸弹）`,
    'share.damaged': (p) => `链接已损坏（复制时被截断？）：${p.why}`,
    'share.nested': () => '不读取快照中嵌套的快照',
    'share.empty': () => '快照中没有任何输入',
    'share.packed': () => '快照中含有 gzip 或 tar 数据：未读取（快照携带的是读取后的输入，从不压缩；此快照被改动过）',
  },
);
