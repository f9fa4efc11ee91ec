import { messages } from '../../messages/catalogue';

export default messages(
  {
    'vmallocinfo.too-large': () => 'area size or address too large to be one: the area is left out',
    'vmallocinfo.cut': () => 'area line cut off before its size: left out rather than guessed',
    'vmallocinfo.unknown-word': (p: { word: string }) =>
      `word ${JSON.stringify(p.word)} is not a kind ramledger knows: the area counts under "others"`,
    'note.second-vmallocinfo': (p: { ignored: string; used: string }) => `a second vmallocinfo (${p.ignored}) was not used; ${p.used} was`,
  },
  {
    'vmallocinfo.too-large': () => '区域大小或地址过大，不可能是真实值：该区域被略去',
    'vmallocinfo.cut': () => '区域行在大小之前被截断：略去而不是猜测',
    'vmallocinfo.unknown-word': (p) => `词 ${JSON.stringify(p.word)} 不是 ramledger 已知的类型：该区域计入“其他”`,
    'note.second-vmallocinfo': (p) => `第二份 vmallocinfo（${p.ignored}）未使用；使用的是 ${p.used}`,
  },
);
