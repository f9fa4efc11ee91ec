import { messages } from '../../messages/catalogue';

export default messages(
  {
    'slabinfo.version': (p: { version: string }) =>
      `slabinfo version ${p.version} is not read (ramledger reads 2.0 and 2.1, kernels 2.6 and later): its cache lines are listed, not used`,
    'slabinfo.unsupported-line': (p: { version: string }) => `cache line of slabinfo ${p.version}, not read`,
    'slabinfo.too-large': (p: { name: string }) => `cache ${p.name}: a count too large to be exact; the cache is left out`,
    'slabinfo.tail': (p: { text: string }) => `text after the slabdata kept out: ${JSON.stringify(p.text)}`,
    'slabinfo.cut': () => 'cache line cut off before its slabdata: left out rather than guessed',
    'note.second-slabinfo': (p: { ignored: string; used: string }) => `a second slabinfo (${p.ignored}) was not used; ${p.used} was`,
  },
  {
    'slabinfo.version': (p) =>
      `slabinfo 版本 ${p.version} 不读取（ramledger 读取 2.0 和 2.1，即 2.6 及以后的内核）：其缓存行只列出、不使用`,
    'slabinfo.unsupported-line': (p) => `slabinfo ${p.version} 的缓存行，未读取`,
    'slabinfo.too-large': (p) => `缓存 ${p.name}：计数过大，无法精确表示；该缓存被略去`,
    'slabinfo.tail': (p) => `slabdata 之后的文字未使用：${JSON.stringify(p.text)}`,
    'slabinfo.cut': () => '缓存行在 slabdata 之前被截断：略去而不是猜测',
    'note.second-slabinfo': (p) => `第二份 slabinfo（${p.ignored}）未使用；使用的是 ${p.used}`,
  },
);
