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

/** what may stand before the prompt character */
const BODIES = [
  /^$/, // `# cmd`, `$ cmd`
  /^[\w.-]+@[\w.-]+(?::\S*|\s+\S+)?$/, // root@OpenWrt:~   user@host ~/dir
  /^\[[\w.-]+@[\w.-]+(?:\s+\S+)?\]$/, // [root@localhost ~]
  /^[\w.-]+:[~/]\S*$/, // walleye:/   OHOS:/data
  /^[\w]+-\d+(?:\.\d+)*$/, // bash-5.1   sh-4.4
  /^[~/]\S*$/, // /   ~   /tmp
  /^[\w.-]+\s+[~/]\S*$/, // localhost ~ (Gentoo)
  /^(?:PS\s+)?[A-Za-z]:\\\S*$/, // C:\   PS C:\Users\me
];

/** commands that print what ramledger reads, recognised on a line of their own */
const BARE =
  /^(?:(?:sudo|su\s+-c|adb(?:\s+-s\s+\S+)?\s+shell|busybox|toybox)\s+)*(?:cat|head|tail|more|less|free|dmesg|logread|journalctl|smem|procrank|librank|showmap|dumpsys|tail\s+-n)(?:\s|$)/;

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
  const args = (t.slice(r[0].length).split('|')[0] ?? '').trim();
  if (args !== '' && !args.split(/\s+/).every((w) => BARE_ARG.test(w))) return null;
  return t;
}

function afterPrompt(line: string): string | null {
  const limit = Math.min(line.length, MAX_PROMPT);
  let i = 0;
  for (; i < limit; i++) {
    const c = line.charCodeAt(i);
    // # $ % >
    if ((c === 35 || c === 36 || c === 37 || c === 62) && (i + 1 === line.length || line.charCodeAt(i + 1) === 32)) break;
  }
  if (i === limit) return null;
  // an indented `# word` is a comment in a config file or a script, not a prompt
  if (i > 0 && line.slice(0, i).trim() === '') return null;
  let body = line.slice(0, i).trim();
  if (body.startsWith('(')) {
    const close = body.indexOf(') ');
    if (close > 0 && !body.slice(1, close).includes(' ')) body = body.slice(close + 2).trim(); // (venv)
  }
  const bar = body.indexOf('|');
  if (bar > 0 && /^\d+$/.test(body.slice(0, bar))) body = body.slice(bar + 1); // Android's exit status: 130|sun:/
  if (!BODIES.some((re) => re.test(body))) return null;
  const cmd = line.slice(i + 1).trim();
  if (cmd === '') return body === '' ? null : '';
  // `# comment`-like lines inside formats are not prompts: a command starts with a word
  if (!/^[A-Za-z./~_]/.test(cmd)) return null;
  return cmd;
}
