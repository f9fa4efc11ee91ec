import { messages } from '../../messages/catalogue';

export default messages(
  {
    'kmsg.second-memory-line': () => 'a second Memory: line; the first one is used',
    'kmsg.other-lines': (p: { count: number }) => `${p.count} kernel log lines carry nothing about memory layout (read, not used)`,
  },
  {
    'kmsg.second-memory-line': () => '出现第二个 Memory: 行；使用第一个',
    'kmsg.other-lines': (p) => `${p.count} 行内核日志与内存布局无关（已读取，未使用）`,
  },
);
