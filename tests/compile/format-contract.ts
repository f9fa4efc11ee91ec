// Checked by `npm run typecheck`, never run: each `@ts-expect-error` below fails the
// type check if the compiler stops refusing the line under it. This is how "a format
// without merge does not compile" stays true.
import { defineFormat } from '../../src/core/formats/format';
import { REGISTRY } from '../../src/core/formats/registry';
import { m } from '../../src/core/messages/catalogue';
import { defineCheck } from '../../src/core/model/accounting/checks';

// @ts-expect-error a format must say what it adds to the snapshot (merge)
defineFormat({ id: 'x', starts: () => false, parse: () => 1, samples: [] });

// @ts-expect-error a format must give the sample lines its recogniser claims
defineFormat({ id: 'x', starts: () => false, parse: () => 1, merge: () => {} });

// @ts-expect-error merge receives what parse returned, nothing else
defineFormat({ id: 'x', starts: () => false, parse: () => 1, merge: (_b, d: string) => void d, samples: [] });

// @ts-expect-error merge must take every value parse can return (here: null too)
defineFormat({ id: 'x', starts: () => false, parse: (): string | null => null, merge: (_b, d: string) => void d, samples: [] });

// @ts-expect-error the registry knows every format it dispatches to: no unregistered id
REGISTRY.no_such_format;

// @ts-expect-error a message key the catalogues lack does not compile
m('line.no-such-line');

// @ts-expect-error a message takes the parameters its template declares
m('formula.meminfo', { field: 'MemTotal' });

defineCheck({
  id: 'x',
  label: m('check.slab'),
  why: m('why.slab'),
  needs: ['boot'],
  fields: ['Slab'],
  // @ts-expect-error a check reads only the facts and fields it declares
  run: ({ physical }, f) => ({
    left: physical.spanKiB + f.Slab,
    right: 0,
    tolerance: 0,
    leftFormula: m('formula.holes'),
    rightFormula: m('formula.holes'),
  }),
});
