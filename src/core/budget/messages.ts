import { type AnyMsg, messages } from '../messages/catalogue';
import type { PatternProblem } from './pattern';

const kib = (n: number) => `${Math.round(n / 1024).toLocaleString('en')} KiB`;

const WHY_EN: Record<PatternProblem, string> = {
  'too-long': 'longer than 100 characters',
  'bad-regex': 'not a valid regular expression',
  'nested-quantifier': 'a group under a quantifier, as in (a+)+, could take for ever: write it without',
  backreference: 'backreferences and lookarounds are not allowed',
  'too-many-quantifiers': 'more than two unbounded quantifiers (* + {n,}) or a count over 100',
};
const WHY_ZH: Record<PatternProblem, string> = {
  'too-long': '超过 100 个字符',
  'bad-regex': '不是有效的正则表达式',
  'nested-quantifier': '量词作用于分组（如 (a+)+）可能永远算不完：请改写',
  backreference: '不允许反向引用和零宽断言',
  'too-many-quantifiers': '无界量词（* + {n,}）多于两个，或计数超过 100',
};

export default messages(
  {
    'budget.too-big': (p: { cap: number }) => `the budget file is larger than ${kib(p.cap)}: refused`,
    'budget.not-json': (p: { why: string }) => `the budget file is not valid JSON (${p.why})`,
    'budget.not-budget': () => 'this is not a ramledger budget (it needs "ramledger": "budget")',
    'budget.version': (p: { version: string }) => `the budget is of version ${p.version}; this ramledger reads version 1`,
    'budget.schema': (p: { path: string; why: string }) => `the budget file does not hold: ${p.path}: ${p.why}`,
    'budget.pattern': (p: { path: string; why: PatternProblem }) => `the budget's pattern at ${p.path} is refused: ${WHY_EN[p.why]}`,
    'budget.target.line': (p: { id: string; label?: AnyMsg }, t) => (p.label ? `${p.id}: ${t(p.label)}` : `line ${p.id}`),
    'budget.target.carve-out': (p: { name: string }) => `carve-out ${p.name}`,
    'budget.target.region': (p: { name: string; kind: string }) => `region ${p.name}${p.kind ? ` (${p.kind})` : ''}`,
    'budget.target.process': (p: { name: string }) => `process ${p.name}`,
    'budget.target.processes': (p: { pattern: string; n: number }) =>
      `processes ${p.pattern} (${p.n === 1 ? '1 process' : `${p.n.toLocaleString('en')} processes`})`,
  },
  {
    'budget.too-big': (p) => `预算文件大于 ${kib(p.cap)}：已拒绝`,
    'budget.not-json': (p) => `预算文件不是有效的 JSON（${p.why}）`,
    'budget.not-budget': () => '这不是 ramledger 预算文件（需要 "ramledger": "budget"）',
    'budget.version': (p) => `预算文件版本为 ${p.version}；本 ramledger 只读第 1 版`,
    'budget.schema': (p) => `预算文件不合格式：${p.path}：${p.why}`,
    'budget.pattern': (p) => `预算文件 ${p.path} 处的模式被拒绝：${WHY_ZH[p.why]}`,
    'budget.target.line': (p, t) => (p.label ? `${p.id}：${t(p.label)}` : `条目 ${p.id}`),
    'budget.target.carve-out': (p) => `保留区 ${p.name}`,
    'budget.target.region': (p) => `区域 ${p.name}${p.kind ? `（${p.kind}）` : ''}`,
    'budget.target.process': (p) => `进程 ${p.name}`,
    'budget.target.processes': (p) => `进程 ${p.pattern}（${p.n.toLocaleString('en')} 个）`,
  },
);
