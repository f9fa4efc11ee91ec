// The seed MT7981 router, shipped with the app as "Load example" (fixtures/seed-mt7981).
import dmesg from '../../fixtures/seed-mt7981/dmesg-memory-line.txt?raw';
import free from '../../fixtures/seed-mt7981/free.txt?raw';
import memblockMemory from '../../fixtures/seed-mt7981/memblock-memory.txt?raw';
import memblockReserved from '../../fixtures/seed-mt7981/memblock-reserved.txt?raw';
import meminfo from '../../fixtures/seed-mt7981/meminfo.txt?raw';
import dts from '../../fixtures/seed-mt7981/reserved-memory.dts?raw';
import smaps from '../../fixtures/seed-mt7981/smaps-stack.txt?raw';

export const SEED_FILES: { name: string; text: string }[] = [
  { name: 'reserved-memory.dts', text: dts },
  { name: 'memblock-memory.txt', text: memblockMemory },
  { name: 'memblock-reserved.txt', text: memblockReserved },
  { name: 'dmesg-memory-line.txt', text: dmesg },
  { name: 'free.txt', text: free },
  { name: 'meminfo.txt', text: meminfo },
  { name: 'smaps-stack.txt', text: smaps },
];
