/**
 * Shell prompt lines in a paste: `root@OpenWrt:~# cat /proc/meminfo`, `$ free -m`,
 * `/ # dmesg`, `(venv) $ …`, Android's `130|sun:/ # free` and `walleye:/ $ …`,
 * OpenHarmony's `OHOS:/$ free`, `bash-5.1# …`, `[root@host ~]# …`, Windows' `C:\> adb
 * shell …`, and a command on a line of its own (`cat /sys/kernel/debug/memblock/memory`).
 * They separate the dumps of one paste and say which command printed the next one (a
 * hint: `free -m` gives the unit, `…/memblock/reserved` which table it is).
 *
 * Written without a backtracking regular expression over the whole line: the prompt is
 * cut at its first `# `/`$ `/`% `/`> ` and the part before it is matched on its own, so
 * a hostile line costs time linear in its length.
 */

/** what may stand before `#`, `$` or `%` */
const BODIES = [
  /^$/, // `# cmd`, `$ cmd`
  /^[\w.-]+@[\w.()-]+(?::\S*|\s+\S+)?$/, // root@OpenWrt:~   user@host ~/dir   root@(none):/
  /^\[[\w.-]+@[\w.()-]+(?:\s+\S+)?\]$/, // [root@localhost ~]
  /^[\w.-]+:[~/]\S*$/, // walleye:/   OHOS:/data
  /^[\w]+-\d+(?:\.\d+)*$/, // bash-5.1   sh-4.4
  /^[~/]\S*$/, // /   ~   /tmp
  /^[\w.-]+\s+(?:~|\/|[\w.-]+)$/, // localhost ~ (Gentoo: host and the directory's last name)
];
/** what may stand before `>`: Windows only (a `>` elsewhere is a redirection) */
const WINDOWS = /^(?:PS\s+)?[A-Za-z]:\\[^<>|"]*$/;

/** commands that print what ramledger reads, recognised on a line of their own */
const COMMANDS = 'cat|head|tail|more|less|free|dmesg|logread|journalctl|smem|procrank|librank|showmap|dumpsys';
const BARE = new RegExp(`^(?:(?:sudo|su\\s+-c|adb(?:\\s+-s\\s+\\S+)?\\s+shell|busybox|toybox)\\s+)*(?:${COMMANDS})(?:\\s|$)`);
/** after a bare `#` (also a comment character), only a command that reads something, or a path */
const AFTER_HASH = new RegExp(`^(?:(?:sudo|su|adb|busybox|toybox|${COMMANDS})\\b|\\.{0,2}/)`);

/** the words a bare command may take before any `|`: options, numbers, paths — not prose */
const BARE_ARG = /^(?:-[\w-]+(?:=\S+)?|\d+|\S*[/*]\S*)$/;

const MAX_PROMPT = 120;

/** The command of a prompt line ('' for a prompt with none), or null when the line is not one. */
export function promptCommand(line: string): string | null {
  const fromPrompt = afterPrompt(line);
  if (fromPrompt !== null) return fromPrompt;
  const t = line.trim();
  if (t.length === 0 || t.length > 300) return null;
  const r = BARE.exec(t);
  if (!r) return null;
  // a redirection (`> r.txt`) or a pipe ends the arguments
  const args = (t.slice(r[0].length).split(/[|>]/)[0] ?? '').trim();
  if (args !== '' && !args.split(/\s+/).every((w) => BARE_ARG.test(w))) return null;
  return t;
}

function afterPrompt(line: string): string | null {
  const limit = Math.min(line.length, MAX_PROMPT);
  let i = 0;
  for (; i < limit; i++) {
    const c = line.charCodeAt(i);
    // # $ % followed by a space or the end; `>` also directly before a command (cmd.exe)
    if ((c === 35 || c === 36 || c === 37 || c === 62) && (i + 1 === line.length || line.charCodeAt(i + 1) === 32)) break;
    if (c === 62 && WINDOWS.test(line.slice(0, i))) break;
  }
  if (i === limit) return null;
  const ch = line[i];
  const lead = line.slice(0, i);
  // an indented `# word` is a comment in a config file or a script, not a prompt; an
  // indented `$ cmd` is a prompt quoted in a Markdown block
  if (i > 0 && lead.trim() === '' && ch !== '$' && ch !== '%') return null;
  let body = lead.trim();
  if (ch === '>') {
    if (body !== '' && !WINDOWS.test(body)) return null;
  } else {
    if (body.startsWith('(')) {
      const close = body.indexOf(') ');
      if (close > 0 && !body.slice(1, close).includes(' ')) body = body.slice(close + 2).trim(); // (venv)
    }
    const bar = body.indexOf('|');
    if (bar > 0 && /^\d+$/.test(body.slice(0, bar))) body = body.slice(bar + 1); // Android's exit status: 130|sun:/
    if (!BODIES.some((re) => re.test(body))) return null;
  }
  const cmd = line.slice(i + 1).trim();
  if (cmd === '') return body === '' ? null : '';
  // a command starts with a word or a path; after a bare `#` (a comment character too),
  // only one that reads something: `# CONFIG_CMA is not set`, `# name <active_objs> …` are not prompts
  if (!/^[A-Za-z./~_]/.test(cmd)) return null;
  if (body === '' && ch === '#' && !AFTER_HASH.test(cmd)) return null;
  return cmd;
}
