import { messages } from '../../messages/catalogue';

export default messages(
  {
    'buddyinfo.what': () => 'buddyinfo',
    'buddyinfo.not-a-row': () => 'not a buddyinfo row (`Node N, zone NAME` and a count per order)',
    'buddyinfo.too-large': (p: { zone: string }) => `zone ${p.zone}: a count is not an exact integer; the row is left out`,
    'buddyinfo.orders-differ': (p: { zone: string; orders: number; first: number }) =>
      `zone ${p.zone} has ${p.orders} orders where the first row has ${p.first}: kept as printed`,
  },
  {
    'buddyinfo.what': () => 'buddyinfo',
    'buddyinfo.not-a-row': () => '不是 buddyinfo 的行（`Node N, zone NAME` 加每个阶的数目）',
    'buddyinfo.too-large': (p) => `${p.zone} 区：有一个数目不是精确整数，该行略去`,
    'buddyinfo.orders-differ': (p) => `${p.zone} 区有 ${p.orders} 个阶，而第一行有 ${p.first} 个：按原样保留`,
  },
);
