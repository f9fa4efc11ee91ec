import { messages } from '../../messages/catalogue';

export default messages(
  {
    'pagetypeinfo.what': () => 'pagetypeinfo',
    'pagetypeinfo.not-understood': () => 'not a line pagetypeinfo prints (or a row outside its table)',
    'pagetypeinfo.too-large': (p: { zone: string; type: string }) =>
      `zone ${p.zone}, type ${p.type}: a count is not an exact integer; the row is left out`,
    'pagetypeinfo.at-least': (p: { zone: string; type: string }) =>
      `zone ${p.zone}, type ${p.type}: a list longer than 100,000 is printed as >100000; counted as 100,000, a floor`,
    'pagetypeinfo.columns': (p: { zone: string; cells: number; types: number }) =>
      `zone ${p.zone}: ${p.cells} counts under a header of ${p.types} migrate types; the row is left out`,
  },
  {
    'pagetypeinfo.what': () => 'pagetypeinfo',
    'pagetypeinfo.not-understood': () => '不是 pagetypeinfo 会输出的行（或是表格之外的行）',
    'pagetypeinfo.too-large': (p) => `${p.zone} 区 ${p.type} 类型：有一个数目不是精确整数，该行略去`,
    'pagetypeinfo.at-least': (p) => `${p.zone} 区 ${p.type} 类型：超过 100,000 的链表输出为 >100000；按 100,000 计，是下限`,
    'pagetypeinfo.columns': (p) => `${p.zone} 区：表头有 ${p.types} 个迁移类型，却有 ${p.cells} 个数目；该行略去`,
  },
);
