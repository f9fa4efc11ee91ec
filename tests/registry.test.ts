// The format registry: each format claims its own sample lines and no other format's;
// priorities are distinct and explained. That a format cannot be half-registered is
// checked by the compiler: tests/compile/format-contract.ts.
import { describe, expect, it } from 'vitest';
import { BY_PRIORITY, REGISTRY } from '../src/core/formats/registry';
import { parseText } from '../src/core/index';

const entries = Object.entries(REGISTRY);

describe('the format registry', () => {
  it('keys each format by its own id, with a distinct priority and a reason', () => {
    for (const [id, r] of entries) {
      expect(r.format.id).toBe(id);
      expect(r.why.length).toBeGreaterThan(10);
    }
    const priorities = entries.map(([, r]) => r.priority);
    expect(new Set(priorities).size).toBe(priorities.length);
    expect(BY_PRIORITY.map((f) => f.id)).toEqual([...entries].sort((a, b) => a[1].priority - b[1].priority).map(([id]) => id));
  });

  describe.each(entries)('%s', (id, { format }) => {
    it('has samples, and claims every one of them', () => {
      expect(format.samples.length).toBeGreaterThan(0);
      for (const line of format.samples) expect(format.starts(line), line).toBe(true);
    });
    it('is not claimed by any other format, and claims none of theirs', () => {
      for (const [other, r] of entries) {
        if (other === id) continue;
        for (const line of format.samples) expect(r.format.starts(line), `${other} claims ${id}'s ${JSON.stringify(line)}`).toBe(false);
      }
    });
    it('reads its samples as its own segment', () => {
      const first = format.samples[0] ?? '';
      const parsed = parseText(`${first}\n`, 'sample');
      expect(parsed.segments[0]?.format).toBe(id);
    });
  });
});
