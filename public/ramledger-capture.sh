#!/bin/sh
# ramledger-capture.sh: everything ramledger reads about a Linux system's memory, in one
# text bundle of `==> path <==` sections (as `tail -n +1` prints), to stdout or a file.
# Plain POSIX sh: runs under busybox ash, dash, mksh, bash; as root or not. Nothing to
# install on the device. Never reads a process's cmdline or environ (they can hold
# secrets). What it cannot read it says in the bundle, as a line
#   # ramledger-capture: skipped PATH: REASON
# which ramledger lists as information. Open the bundle in ramledger's page, or run
# `ramledger analyze bundle.txt`.

CAPTURE_VERSION=1
DEBUGFS=/sys/kernel/debug

usage() {
	cat <<'EOF'
usage: sh ramledger-capture.sh [-o FILE] [-z] [-r] [-a] [-h]
Writes what ramledger reads about this system's memory to stdout (or FILE).
  -o FILE  write the bundle to FILE instead of stdout
  -z       gzip the bundle (for a binary-safe transfer over a console: -z | base64)
  -r       per process, smaps_rollup instead of smaps (one total per process: for big devices)
  -a       the whole kernel log instead of only its memory lines
  -h       this help
Run as root for everything (slabinfo, vmallocinfo, memblock, every process); as another
user it captures what that user may read and says what it skipped.
Examples:
  adb push ramledger-capture.sh /data/local/tmp/ && adb shell sh /data/local/tmp/ramledger-capture.sh > bundle.txt
  ssh root@router sh -s < ramledger-capture.sh > bundle.txt
EOF
}

# a note in the bundle: ramledger lists these lines as information
note() { printf '# ramledger-capture: %s\n' "$*"; }
skipped() { note "skipped $1: $2"; }

# why a file cannot be read: it is absent, or we may not read it
why_not() {
	if [ ! -e "$1" ]; then echo 'not present'
	elif [ ! -r "$1" ]; then echo 'permission denied'
	else echo 'could not be read'; fi
}

# one file as one section, or a note saying why not. The text is read whole before the
# header is printed, so a file that vanishes mid-read leaves no half section.
section() {
	if [ -r "$1" ] && text=$(cat "$1" 2>/dev/null); then
		printf '==> %s <==\n%s\n\n' "$1" "$text"
	else
		skipped "$1" "$(why_not "$1")"
	fi
}

# a command's output as one section named by the command
command_section() { # command args…
	if ! command -v "$1" >/dev/null 2>&1; then skipped "$1" 'no such command'; return; fi
	if text=$("$@" 2>/dev/null) && [ -n "$text" ]; then printf '==> %s <==\n%s\n\n' "$1" "$text"
	else skipped "$1" 'permission denied'; fi
}

# the kernel log lines ramledger reads (src/core/formats/kmsg/lines.ts): memory, zones,
# memblock, reserved memory, CMA, e820, the version line; the rest is left out
KMSG_LINES='memory|memblock|reserved|cma|e820|zone|\[mem |0x[0-9a-f]+ -> 0x| +empty *$|highmem|lowmem|totalpages|total pages|totalram|carveout|swiotlb|software io tlb|percpu|pcpu|ramoops|huge ?pages|hugetlb|pfn|vmalloc|mem=|linux version|booting linux|freeing|initmem|zonelists|balloon|hotplug'
kernel_log() { # all
	if ! command -v dmesg >/dev/null 2>&1; then skipped dmesg 'no such command'; return; fi
	if ! log=$(dmesg 2>/dev/null) || [ -z "$log" ]; then skipped dmesg 'permission denied'; return; fi
	[ "$1" = all ] || log=$(printf '%s\n' "$log" | grep -i -E "$KMSG_LINES" | grep -v -i 'command line: ')
	printf '==> dmesg <==\n%s\n\n' "$log"
}

# a binary file as text ramledger decodes: base64, else a hex dump with offsets
blob_section() {
	f=$1
	if [ ! -r "$f" ]; then skipped "$f" "$(why_not "$f")"; return; fi
	if command -v base64 >/dev/null 2>&1; then text=$(base64 "$f" 2>/dev/null)
	elif command -v od >/dev/null 2>&1; then text=$(od -A x -t x1 -v "$f" 2>/dev/null)
	else skipped "$f" 'no base64 or od'; return; fi
	if [ -n "$text" ]; then printf '==> %s <==\n%s\n\n' "$f" "$text"
	else skipped "$f" 'could not be read'; fi
}

# where debugfs is mounted, if it is
debugfs_at() {
	while read -r _dev mnt type _rest; do
		if [ "$type" = debugfs ]; then echo "$mnt"; return; fi
	done </proc/mounts
}

# memblock's tables (kept after boot on ARM, ARM64, RISC-V… with CONFIG_ARCH_KEEP_MEMBLOCK)
memblock_sections() { # debugfs mount point, or empty
	if [ -z "$1" ]; then
		skipped "$DEBUGFS/memblock" 'debugfs not mounted and not mountable'
	elif [ ! -d "$1/memblock" ]; then
		skipped "$1/memblock" 'no memblock tables kept after boot'
	else
		section "$1/memblock/memory"
		section "$1/memblock/reserved"
	fi
}

# processes counted by what became of them, for the closing notes
procs_read=0
procs_denied=0
procs_gone=0

# one process: its status and smaps (or smaps_rollup), both or neither. A process that
# exits between the listing and the reading is counted, not shown; kernel threads (no
# memory map: no Vm lines in their status) are left out.
process_sections() { # pid maps-file
	d=/proc/$1
	if ! status=$(cat "$d/status" 2>/dev/null); then process_unread "$d"; return 0; fi
	case $status in *VmSize:*) ;; *) return 0 ;; esac
	if ! maps=$(cat "$d/$2" 2>/dev/null) || [ -z "$maps" ]; then process_unread "$d"; return 0; fi
	printf '==> %s <==\n%s\n\n==> %s <==\n%s\n\n' "$d/status" "$status" "$d/$2" "$maps"
	procs_read=$((procs_read + 1))
}
# a process we could not read: still there (we may not read it), or gone
process_unread() {
	if [ -d "$1" ]; then procs_denied=$((procs_denied + 1)); else procs_gone=$((procs_gone + 1)); fi
}

all_processes() { # maps-file
	for p in /proc/[0-9]*; do
		process_sections "${p#/proc/}" "$1"
	done
	note "processes: $procs_read read, $procs_denied not readable (permission denied), $procs_gone exited during the capture"
}

# the whole bundle, on stdout
collect() { # maps-file log-lines debugfs-mount
	note "version $CAPTURE_VERSION, as uid $(id -u 2>/dev/null || echo '?'), $(date -u '+%Y-%m-%d %H:%M:%S UTC' 2>/dev/null)"
	section /proc/version
	section /proc/meminfo
	command_section free
	for f in zoneinfo buddyinfo pagetypeinfo slabinfo vmallocinfo iomem; do section "/proc/$f"; done
	[ -z "$mounted" ] || note "mounted debugfs on $mounted for the capture (unmounted after)"
	memblock_sections "$3"
	blob_section /sys/firmware/fdt
	kernel_log "$2"
	all_processes "$1"
}

# passes the bundle through, then adds how big it was and how long it took (also on stderr)
count_bytes() { # start-seconds
	if command -v awk >/dev/null 2>&1; then
		LC_ALL=C awk -v start="$1" '{ print; n += length($0) + 1 }
			END { "date +%s" | getline end; s = sprintf("took %d s, %d bytes", end - start, n)
			      print "# ramledger-capture: " s; print "ramledger-capture: " s > "/dev/stderr" }'
	else
		cat
		note "took $(($(date +%s) - $1)) s"
	fi
}

mounted=
cleanup() {
	if [ -n "$mounted" ]; then umount "$mounted" 2>/dev/null; mounted=; fi
}

main() {
	out=
	zip=
	maps=smaps
	log=memory
	while getopts 'o:zrah' opt; do
		case $opt in
		o) out=$OPTARG ;;
		z) zip=1 ;;
		r) maps=smaps_rollup ;;
		a) log=all ;;
		h) usage; return 0 ;;
		*) usage >&2; return 2 ;;
		esac
	done
	if [ -n "$zip" ] && ! command -v gzip >/dev/null 2>&1; then echo 'ramledger-capture: -z needs gzip, which is not here' >&2; return 1; fi
	start=$(date +%s)
	# debugfs for memblock: mounted by us only if it is not and we may; unmounted on any exit
	trap cleanup EXIT
	trap 'cleanup; trap - EXIT; exit 129' HUP
	trap 'cleanup; trap - EXIT; exit 130' INT
	trap 'cleanup; trap - EXIT; exit 143' TERM
	dbg=$(debugfs_at)
	if [ -z "$dbg" ] && [ -d "$DEBUGFS" ] && mount -t debugfs debugfs "$DEBUGFS" 2>/dev/null; then
		mounted=$DEBUGFS
		dbg=$DEBUGFS
	fi
	if [ -n "$out" ]; then exec >"$out" || return 1; fi
	if [ -n "$zip" ]; then collect "$maps" "$log" "$dbg" | count_bytes "$start" | gzip -c
	else collect "$maps" "$log" "$dbg" | count_bytes "$start"; fi
	cleanup
}

# RAMLEDGER_CAPTURE_LIB=1: define the functions only (the tests call them one by one)
[ -n "${RAMLEDGER_CAPTURE_LIB:-}" ] || main "$@"
