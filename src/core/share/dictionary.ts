/**
 * The preset dictionary of snapshot links, version 1.
 *
 * NEVER CHANGE THIS STRING, not by one byte, not even its whitespace. A link compressed
 * with it can only be opened with exactly the same bytes: changing it breaks every link
 * ever shared. A better dictionary is a new link version (`snapshot=v2.…`) with a new
 * constant beside this one, which stays for reading v1 links. tests/dictionary.test.ts
 * pins its hash so that an accidental edit fails.
 *
 * What it is: deflate (RFC 1951) may refer back to up to 32 KiB of text before the data,
 * and a preset dictionary is that text, agreed in advance (fflate's `dictionary`
 * option). A reference is a few bits where the literal words are a byte each, so the
 * words every dump repeats (`Shared_Clean:          0 kB`) cost almost nothing even
 * the first time they appear — which matters most for small snapshots, where there is
 * no first copy earlier in the data to refer to.
 *
 * What it holds: the words and the padding the formats print, as the kernel, procps,
 * busybox and dtc print them (not as our fixtures happen to hold them), with zeros as
 * values: a zero is printed with the most padding, so every wider number's padding is
 * a substring of it. Each part cites where its lines come from. No line is copied from
 * ramledger's fixtures: their numbers are the dumps' own, not words every dump prints.
 *
 * Order: by how many links use a part, the most used last (deflate's distance codes are
 * shorter for text nearer the data, and the end stays longest in the 32 KiB window):
 * device tree, totals, free, memblock, status, mapping names, smaps, the kernel log,
 * meminfo, and the document's JSON, which every link starts with. The order was
 * measured on fixtures/real: it moves the total by about 0.3%, the content by 10%.
 *
 * Plain ASCII, so its bytes are its characters (link.ts encodes it with strToU8).
 */
export const DICTIONARY_V1: string = [
  // ---- device tree source: dtc's output of a blob (`dtc -I dtb -O dts`, or -I fs from
  // /proc/device-tree) and hand-written .dts, as in the kernel's
  // Documentation/devicetree/bindings/reserved-memory/reserved-memory.yaml examples
  '/dts-v1/;\n\n/ {\n\tinterrupt-parent = <0x01>;\n\t#address-cells = <0x02>;\n\t#size-cells = <0x02>;\n',
  '\tmodel = "";\n\tcompatible = "linux,dummy-virt";\n',
  '\tchosen {\n\t\tbootargs = "console=ttyS0,115200";\n\t\tstdout-path = "serial0:115200n8";\n\t};\n\n',
  '\tmemory@40000000 {\n\t\tdevice_type = "memory";\n\t\treg = <0x00 0x40000000 0x00 0x10000000>;\n\t};\n\n',
  '\treserved-memory {\n\t\t#address-cells = <2>;\n\t\t#size-cells = <2>;\n\t\tranges;\n\n',
  '\t\tlinux,cma {\n\t\t\tcompatible = "shared-dma-pool";\n\t\t\treusable;\n\t\t\tsize = <0x0 0x4000000>;\n\t\t\talignment = <0x0 0x400000>;\n\t\t\tlinux,cma-default;\n\t\t};\n\n',
  '\t\t/* trusted firmware */\n\t\ttz_reserved: secure-monitor@4e000000 {\n\t\t\treg = <0 0x4e000000 0 0x200000>;\n\t\t\tno-map;\n\t\t};\n\n',
  '\t\tramoops@9ff00000 {\n\t\t\tcompatible = "ramoops";\n\t\t\treg = <0x00 0x9ff00000 0x00 0x100000>;\n\t\t\trecord-size = <0x1000>;\n\t\t};\n',
  '\t\tphandle = <0x',
  '>;\n\t\tstatus = "disabled";\n\t\tstatus = "okay";\n\t};\n};\n',

  // ---- ramledger's own process totals (formats/totals), what a reduced link carries
  "# ramledger process totals 1: sums of each process's smaps; the mappings were left out\n",
  'pid\tmappings\trss\tpss\tuss\tswap\tswap_pss\theap\tstack\tanonymous\tfile_code\tfile_data\tshared_memory\tother\tname\n',

  // ---- free: procps 3.2 (with the -/+ buffers/cache row), old busybox, procps-ng -w,
  // then procps-ng 3.3.10+/4.x and busybox 1.2x+ (procps free.c, busybox procps/free.c)
  '             total       used       free     shared    buffers     cached\n-/+ buffers/cache:',
  '              total         used         free       shared      buffers\n',
  '               total        used        free      shared     buffers       cache   available\n',
  'Low:   High:  Total:  ',
  '               total        used        free      shared  buff/cache   available\nMem:        ',
  '\nSwap:              0           0           0\n',

  // ---- memblock debugfs, memblock_debug_show() in mm/memblock.c: `%4d: %pa..%pa`, since
  // 6.5 followed by `%4d ` (node, `x` for none) and the lowest flag's name or NONE; %pa is
  // 8 hex digits for a 32-bit phys_addr_t
  '==> /sys/kernel/debug/memblock/memory <==\n',
  '   0: 0x40000000..0x4fffffff\n',
  '   1: 0x0000000080000000..0x00000000bfffffff    x RSV_NIT\n',
  '   2: 0x0000000000000000..0x000000007fffffff    0 NOMAP\n',
  '==> /sys/kernel/debug/memblock/reserved <==\n',
  '   0: 0x0000000040000000..0x000000004fffffff    0 NONE\n',

  // ---- /proc/<pid>/status, proc_pid_status() in fs/proc/array.c with task_mem() of
  // fs/proc/task_mmu.c (`%8lu kB` after a tab)
  '==> /proc/1/status <==\n',
  'Name:\tprocd\nUmask:\t0022\nState:\tS (sleeping)\nTgid:\t1\nNgid:\t0\nPid:\t1\nPPid:\t0\nTracerPid:\t0\n',
  'Uid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\nFDSize:\t64\nGroups:\t \nNStgid:\t1\nNSpid:\t1\nNSpgid:\t1\nNSsid:\t1\nKthread:\t0\n',
  'VmPeak:\t       0 kB\nVmSize:\t       0 kB\nVmLck:\t       0 kB\nVmPin:\t       0 kB\n',
  'VmHWM:\t       0 kB\nVmRSS:\t       0 kB\nRssAnon:\t       0 kB\nRssFile:\t       0 kB\nRssShmem:\t       0 kB\n',
  'VmData:\t       0 kB\nVmStk:\t     132 kB\nVmExe:\t       0 kB\nVmLib:\t       0 kB\nVmPTE:\t       0 kB\nVmSwap:\t       0 kB\n',
  'HugetlbPages:\t       0 kB\nCoreDumping:\t0\nTHP_enabled:\t1\nThreads:\t1\nSigQ:\t0/',
  '\nSigPnd:\t0000000000000000\nShdPnd:\t0000000000000000\nSigBlk:\t0000000000000000\nSigIgn:\t0000000000001000\nSigCgt:\t0000000000000000\n',
  'CapInh:\t0000000000000000\nCapPrm:\t000001ffffffffff\nCapEff:\t000001ffffffffff\nCapBnd:\t000001ffffffffff\nCapAmb:\t0000000000000000\n',
  'NoNewPrivs:\t0\nSeccomp:\t0\nSeccomp_filters:\t0\nSpeculation_Store_Bypass:\tthread vulnerable\nSpeculationIndirectBranch:\tconditional enabled\n',
  'Cpus_allowed:\tf\nCpus_allowed_list:\t0-3\nMems_allowed:\t1\nMems_allowed_list:\t0\n',
  'voluntary_ctxt_switches:\t0\nnonvoluntary_ctxt_switches:\t0\n',
  'State:\tR (running)\nState:\tI (idle)\nState:\tD (disk sleep)\nState:\tZ (zombie)\nState:\tT (stopped)\n',

  // ---- mapping names in smaps: the kernel's own ([heap], [stack], [vdso], [vvar] in
  // fs/proc/task_mmu.c and the vdso code; [anon:…] names from prctl(PR_SET_VMA_ANON_NAME)),
  // and the usual libraries of musl, glibc and Android systems
  '/dev/zero (deleted)\n/SYSV00000000 (deleted)\n/memfd: (deleted)\n/dev/shm/\n',
  '/system/lib64/\n/system/framework/\n/apex/com.android.runtime/lib64/bionic/libc.so\n[anon:dalvik-\n[anon:libc_malloc]\n',
  '/lib/ld-linux-armhf.so.3\n/lib/arm-linux-gnueabihf/\n/lib/aarch64-linux-gnu/libc.so.6\n/lib/ld-linux-aarch64.so.1\n',
  '/lib64/ld-linux-x86-64.so.2\n/usr/lib/x86_64-linux-gnu/libc.so.6\n/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2\n',
  '/usr/lib/libstdc++.so.6.0.30\n/lib/libgcc_s.so.1\n/usr/sbin/\n/usr/bin/\n/sbin/procd\n/bin/busybox\n',
  '/lib/libubox.so.\n/lib/libuci.so\n/lib/libubus.so.\n/lib/libc.so\n/usr/lib/\n/lib/ld-musl-aarch64.so.1\n',
  '[vsyscall]\n[vvar_vclock]\n[vvar]\n[vdso]\n[stack]\n[heap]\n[anon:',

  // ---- smaps_rollup, show_smaps_rollup() in fs/proc/task_mmu.c
  '\n==> /proc/1/smaps_rollup <==\n',
  '00400000-7ffd07fc6000 ---p 00000000 00:00 0                              [rollup]\n',
  'Pss_Anon:              0 kB\nPss_File:              0 kB\nPss_Shmem:             0 kB\n',

  // ---- smaps, show_smap() and __show_smap() in fs/proc/task_mmu.c: a 5.x entry (as
  // OpenWrt's kernels print it), then the flags of show_smap_vma_flags(), then a 6.x
  // entry (with the Pss_Dirty and KSM lines of recent kernels). The header is padded to 73 columns
  // (25 + sizeof(void *) * 6 - 1) before the name on 64-bit, 49 on 32-bit.
  '\n==> /proc/1/smaps <==\n',
  '00400000-0047c000 r-xp 00000000 1f:04 422        /bin/busybox\n',
  '7ff7d4e000-7ff7d6f000 rw-p 00000000 00:00 0                              [stack]\n',
  'Size:                  4 kB\nKernelPageSize:        4 kB\nMMUPageSize:           4 kB\n',
  'Rss:                   4 kB\nPss:                   4 kB\n',
  'Shared_Clean:          0 kB\nShared_Dirty:          0 kB\nPrivate_Clean:         0 kB\nPrivate_Dirty:         4 kB\n',
  'Referenced:            4 kB\nAnonymous:             4 kB\nLazyFree:              0 kB\n',
  'AnonHugePages:         0 kB\nShmemPmdMapped:        0 kB\nFilePmdMapped:        0 kB\n',
  'Shared_Hugetlb:        0 kB\nPrivate_Hugetlb:       0 kB\nSwap:                  0 kB\nSwapPss:               0 kB\n',
  'Locked:                0 kB\nTHPeligible:    0\n',
  'VmFlags: rd ex mr mw me dw \nVmFlags: rd mr mw me ac sd \nVmFlags: mr mw me nr \nVmFlags: rd wr mr mw me gd ac \n',
  'VmFlags: rd mr me ms sd \nVmFlags: rd mr pf io de dd \nVmFlags: rd wr sh mr mw me ms \n',
  '\n==> /proc/1/smaps <==\n',
  '5581a0000000-5581a0002000 r--p 00000000 b3:02 1234                       /usr/bin/sh\n',
  '7f1a2b3c4000-7f1a2b3c5000 r-xp 00000000 00:00 0                          [vdso]\n',
  'Size:                  4 kB\nKernelPageSize:        4 kB\nMMUPageSize:           4 kB\n',
  'Rss:                   4 kB\nPss:                   4 kB\nPss_Dirty:             0 kB\n',
  'Shared_Clean:          0 kB\nShared_Dirty:          0 kB\nPrivate_Clean:         4 kB\nPrivate_Dirty:         0 kB\n',
  'Referenced:            4 kB\nAnonymous:             0 kB\nKSM:                   0 kB\nLazyFree:              0 kB\n',
  'AnonHugePages:         0 kB\nShmemPmdMapped:        0 kB\nFilePmdMapped:         0 kB\n',
  'Shared_Hugetlb:        0 kB\nPrivate_Hugetlb:       0 kB\nSwap:                  0 kB\nSwapPss:               0 kB\n',
  'Locked:                0 kB\nTHPeligible:           0\nProtectionKey:         0\n',
  'VmFlags: rd wr mr mw me ac \n',

  // ---- kernel log: memory lines of older kernels: ARM's mem_init() in arch/arm/mm/init.c
  // before 4.x (`Memory: 256MB = 256MB total`, the virtual layout), and the zones of
  // mm/page_alloc.c before mm_init.c took them
  '[    0.000000] On node 0 totalpages: 65536\n',
  '[    0.000000]   Normal zone: 512 pages used for memmap\n',
  '[    0.000000]   Normal zone: 0 pages reserved\n',
  '[    0.000000]   Normal zone: 65536 pages, LIFO batch:15\n',
  '[    0.000000] Memory: 256MB = 256MB total\n',
  '[    0.000000] Memory: 239452k/239452k available, 22692k reserved, 0K highmem\n',
  '[    0.000000] Virtual kernel memory layout:\n',
  '    vector  : 0xffff0000 - 0xffff1000   (   4 kB)\n',
  '    fixmap  : 0xfff00000 - 0xfffe0000   ( 896 kB)\n',
  '    vmalloc : 0xd0800000 - 0xff000000   ( 744 MB)\n',
  '    lowmem  : 0xc0000000 - 0xd0000000   ( 256 MB)\n',
  '    modules : 0xbf000000 - 0xc0000000   (  16 MB)\n',
  '      .text : 0xc0008000 - 0xc0600000   (6112 kB)\n',
  '      .init : 0xc0600000 - 0xc0700000   (1024 kB)\n',
  '      .data : 0xc0700000 - 0xc0780000   ( 512 kB)\n',
  '       .bss : 0xc0780000 - 0xc0800000   ( 512 kB)\n',

  // ---- kernel log, the rest of a boot (a dump's dmesg is pasted whole): lines most
  // boots print, from init/main.c, kernel/printk/printk.c, mm/percpu.c, fs/dcache.c,
  // kernel/time/clocksource.c, net/ipv4/tcp.c and udp.c, net/socket.c,
  // drivers/usb/core/driver.c, drivers/tty/serial/8250/8250_core.c, block/elevator.c,
  // init/initramfs.c and init/do_mounts.c; the prefixes syslog and OpenWrt's logread put
  '$ dmesg\n# dmesg\nroot@OpenWrt:~# logread\n',
  'Thu Jan  1 00:00:00 2025 kern.notice kernel: [    0.000000] \n',
  'Jan  1 00:00:00 localhost kernel: [    0.000000] \n',
  ' kern.warn kernel: [ kern.err kernel: [ kern.debug kernel: [ kern.info kernel: [    0.000000] ',
  '[    0.000000] random: crng init done\n',
  '[    0.000000] pcpu-alloc: s0 r0 d32768 u32768 alloc=1*32768\n[    0.000000] pcpu-alloc: [0] 0 \n',
  '[    0.000000] setup_percpu: NR_CPUS:64 nr_cpumask_bits:4 nr_cpu_ids:4 nr_node_ids:1\n',
  '[    0.000000] pid_max: default: 32768 minimum: 301\n',
  '[    0.000000] NR_IRQS: 64, nr_irqs: 64, preallocated irqs: 0\n',
  '[    0.000000] rcu: Hierarchical RCU implementation.\n',
  '[    0.000000] sched_clock: 56 bits at 24MHz, resolution 41ns, wraps every 4398046511097ns\n',
  '[    0.000000] clocksource: jiffies: mask: 0xffffffff max_cycles: 0xffffffff, max_idle_ns: 7645041785100000 ns\n',
  '[    0.000000] Calibrating delay loop (skipped), value calculated using timer frequency.. 48.00 BogoMIPS (lpj=240000)\n',
  '[    0.000000] Console: colour dummy device 80x25\n',
  '[    0.000000] Mount-cache hash table entries: 512 (order: 0, 4096 bytes, linear)\n',
  '[    0.000000] Mountpoint-cache hash table entries: 512 (order: 0, 4096 bytes, linear)\n',
  '[    0.000000] smp: Bringing up secondary CPUs ...\n[    0.000000] smp: Brought up 1 node, 4 CPUs\n',
  '[    0.000000] devtmpfs: initialized\n[    0.000000] pinctrl core: initialized pinctrl subsystem\n',
  '[    0.000000] NET: Registered PF_NETLINK/PF_ROUTE protocol family\n',
  '[    0.000000] audit: initializing netlink subsys (disabled)\n[    0.000000] cpuidle: using governor menu\n',
  '[    0.000000] SCSI subsystem initialized\n[    0.000000] usbcore: registered new interface driver usbfs\n',
  '[    0.000000] usbcore: registered new interface driver hub\n[    0.000000] usbcore: registered new device driver usb\n',
  '[    0.000000] pps_core: LinuxPPS API ver. 1 registered\n[    0.000000] PTP clock support registered\n',
  '[    0.000000] clocksource: Switched to clocksource arch_sys_counter\n',
  '[    0.000000] VFS: Disk quotas dquot_6.6.0\n',
  '[    0.000000] VFS: Dquot-cache hash table entries: 512 (order 0, 4096 bytes)\n',
  '[    0.000000] NET: Registered PF_INET protocol family\n',
  '[    0.000000] TCP established hash table entries: 2048 (order: 2, 16384 bytes, linear)\n',
  '[    0.000000] TCP bind hash table entries: 2048 (order: 3, 32768 bytes, linear)\n',
  '[    0.000000] TCP: Hash tables configured (established 2048 bind 2048)\n',
  '[    0.000000] UDP hash table entries: 256 (order: 1, 8192 bytes, linear)\n',
  '[    0.000000] UDP-Lite hash table entries: 256 (order: 1, 8192 bytes, linear)\n',
  '[    0.000000] NET: Registered PF_UNIX/PF_LOCAL protocol family\n',
  '[    0.000000] Unpacking initramfs...\n',
  '[    0.000000] workingset: timestamp_bits=46 max_order=16 bucket_order=0\n',
  '[    0.000000] squashfs: version 4.0 (2009/01/31) Phillip Lougher\n',
  '[    0.000000] Block layer SCSI generic (bsg) driver version 0.4 loaded (major 250)\n',
  '[    0.000000] io scheduler mq-deadline registered\n',
  '[    0.000000] Serial: 8250/16550 driver, 4 ports, IRQ sharing disabled\n',
  '[    0.000000] loop: module loaded\n',
  '[    0.000000] registered taskstats version 1\n',
  '[    0.000000] Loading compiled-in X.509 certificates\n',
  '[    0.000000] VFS: Mounted root (squashfs filesystem) readonly on device 31:3.\n',
  '[    0.000000] Run /sbin/init as init process\n',

  // ---- kernel log: early memory lines of mm/mm_init.c (zones, node ranges,
  // mem_init_print_info's `Memory:`), drivers/of/of_reserved_mem.c (6.x and older
  // wording), kernel/dma/contiguous.c and mm/cma.c, arch/x86/kernel/e820.c, and the
  // init-memory lines of mm/page_alloc.c (free_reserved_area) and init/initramfs.c
  '[    0.000000] Booting Linux on physical CPU 0x0000000000 [0x410fd034]\n[    0.000000] Linux version ',
  ' (gcc version 12.3.0, GNU ld (GNU Binutils) 2.40) #0 SMP PREEMPT\n',
  '[    0.000000] Machine model: \n',
  '[    0.000000] BIOS-e820: [mem 0x0000000000000000-0x000000000009fbff] usable\n',
  '[    0.000000] BIOS-e820: [mem 0x00000000000f0000-0x00000000000fffff] reserved\n',
  '[    0.000000] NUMA: Faking a node at [mem 0x0000000040000000-0x000000013fffffff]\n',
  '[    0.000000] Reserved memory: created DMA memory pool at 0x000000004f000000, size 8 MiB\n',
  '[    0.000000] OF: reserved mem: initialized node linux,cma, compatible id shared-dma-pool\n',
  '[    0.000000] Reserved memory: created CMA memory pool at 0x000000005c000000, size 64 MiB\n',
  '[    0.000000] OF: reserved mem: 0x000000004e000000..0x000000004e1fffff (2048 KiB) nomap non-reusable secure-monitor@4e000000\n',
  '[    0.000000] OF: reserved mem: 0x000000005c000000..0x000000005fffffff (65536 KiB) map reusable linux,cma\n',
  '[    0.000000] cma: Reserved 64 MiB at 0x000000005c000000 on node -1\n',
  '[    0.000000] Zone ranges:\n',
  '[    0.000000]   DMA      [mem 0x0000000040000000-0x000000004fffffff]\n',
  '[    0.000000]   DMA32    empty\n',
  '[    0.000000]   Normal   empty\n',
  '[    0.000000]   HighMem  [mem 0x0000000030000000-0x000000003fffffff]\n',
  '[    0.000000] Movable zone start for each node\n',
  '[    0.000000] Early memory node ranges\n',
  '[    0.000000]   node   0: [mem 0x0000000040000000-0x0000000042ffffff]\n',
  '[    0.000000] Initmem setup node 0 [mem 0x0000000040000000-0x000000004fffffff]\n',
  '[    0.000000] On node 0, zone DMA: 256 pages in unavailable ranges\n',
  '[    0.000000] percpu: Embedded 20 pages/cpu s42920 r8192 d30808 u81920\n',
  '[    0.000000] Built 1 zonelists, mobility grouping on.  Total pages: 64512\n',
  '[    0.000000] Kernel command line: console=ttyS0,115200n8 root=/dev/mmcblk0p2 rootwait\n',
  '[    0.000000] Dentry cache hash table entries: 32768 (order: 6, 262144 bytes, linear)\n',
  '[    0.000000] Inode-cache hash table entries: 16384 (order: 5, 131072 bytes, linear)\n',
  '[    0.000000] mem auto-init: stack:off, heap alloc:off, heap free:off\n',
  '[    0.000000] software IO TLB: mapped [mem 0x000000004bc00000-0x000000004fc00000] (64MB)\n',
  '[    0.000000] Memory: 0K/0K available (0K kernel code, 0K rwdata, 0K rodata, 0K init, 0K bss, 0K reserved, 0K cma-reserved, 0K highmem)\n',
  '[    0.000000] SLUB: HWalign=64, Order=0-3, MinObjects=0, CPUs=2, Nodes=1\n',
  '[    0.000000] DMA: preallocated 256 KiB GFP_KERNEL|GFP_DMA32 pool for atomic allocations\n',
  '[    0.000000] Freeing initrd memory: 4096K\n',
  '[    0.000000] Freeing unused kernel image (initmem) memory: 1024K\n',
  '[    0.000000] Freeing init memory: 1024K\n',
  '[    0.000000] Freeing unused kernel memory: 1024K\n',

  // ---- /proc/meminfo, meminfo_proc_show() in fs/proc/meminfo.c (6.x, every field in its
  // order with its `%8lu kB` padding), hugetlb_report_meminfo() in mm/hugetlb.c, and x86's
  // arch_report_meminfo() (DirectMap)
  '==> /proc/meminfo <==\n',
  'MemTotal:              0 kB\nMemFree:               0 kB\nMemAvailable:          0 kB\n',
  'Buffers:               0 kB\nCached:                0 kB\nSwapCached:            0 kB\n',
  'Active:                0 kB\nInactive:              0 kB\n',
  'Active(anon):          0 kB\nInactive(anon):        0 kB\nActive(file):          0 kB\nInactive(file):        0 kB\n',
  'Unevictable:           0 kB\nMlocked:               0 kB\n',
  'HighTotal:             0 kB\nHighFree:              0 kB\nLowTotal:              0 kB\nLowFree:               0 kB\n',
  'SwapTotal:             0 kB\nSwapFree:              0 kB\nZswap:                 0 kB\nZswapped:              0 kB\n',
  'Dirty:                 0 kB\nWriteback:             0 kB\nAnonPages:             0 kB\nMapped:                0 kB\n',
  'Shmem:                 0 kB\nKReclaimable:          0 kB\nSlab:                  0 kB\n',
  'SReclaimable:          0 kB\nSUnreclaim:            0 kB\nKernelStack:           0 kB\nShadowCallStack:       0 kB\n',
  'PageTables:            0 kB\nSecPageTables:         0 kB\nNFS_Unstable:          0 kB\nBounce:                0 kB\n',
  'WritebackTmp:          0 kB\nCommitLimit:           0 kB\nCommitted_AS:          0 kB\n',
  'VmallocTotal:   34359738367 kB\nVmallocUsed:           0 kB\nVmallocChunk:          0 kB\n',
  'Percpu:                0 kB\nHardwareCorrupted:     0 kB\n',
  'AnonHugePages:         0 kB\nShmemHugePages:        0 kB\nShmemPmdMapped:        0 kB\n',
  'FileHugePages:         0 kB\nFilePmdMapped:         0 kB\n',
  'CmaTotal:              0 kB\nCmaFree:               0 kB\nUnaccepted:            0 kB\nBalloon:               0 kB\n',
  'HugePages_Total:       0\nHugePages_Free:        0\nHugePages_Rsvd:        0\nHugePages_Surp:        0\n',
  'Hugepagesize:       2048 kB\nHugetlb:               0 kB\n',
  'DirectMap4k:           0 kB\nDirectMap2M:           0 kB\nDirectMap1G:           0 kB\n',

  // ---- the snapshot document's JSON as share/make.ts writes it (keys in its order:
  // makeDoc, then reduce), which opens every link's frame (share/link.ts): in every link
  '{"ramledger":"snapshot","version":1,"created":"20',
  '","title":"","notes":"","labels":[{"on":"region:reserved:","label":"","comment":""},',
  '{"on":"region:no-map:"},{"on":"region:cma:"},{"on":"line:memblock-reserved"},{"on":"process:"}],',
  '"inputs":[{"name":"","bytes":0,"sources":[{"name":"","size":0,"binary":true}],"group":true},',
  '{"name":"ramledger-process-totals.tsv","bytes":0,"sources":[{"name":"ramledger-process-totals.tsv","size":0}]}],',
  '"view":"/processes?p=","left":[{"name":"","why":"too-large"},{"name":"","why":"unreadable"}],',
  '"reduced":{"processes":0,"mappings":0,"lines":0,"bytes":0,"dropped":["/proc/1/smaps"],"droppedMore":0,"totals":"ramledger-process-totals.tsv"}}\n',
  '.000Z","inputs":[{"name":"","bytes":0,"sources":[{"name":"","size":0}]},{"name":"',
].join('');
