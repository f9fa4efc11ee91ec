/**
 * Shell prompt lines in a paste: `root@OpenWrt:~# cat /proc/meminfo`, `$ free -m`,
 * `/ # dmesg`, `(venv) $ …`. They separate the dumps of one paste and say which
 * command printed the next one (a hint: `free -m` gives the unit, `…/memblock/reserved`
 * which table it is).
 */
const PROMPT = /^(?:\S*@\S*?[:\s]\S*\s?|[~/]\S*\s|\(\S+\)\s|)[#$%>]\s+(\S.*)$/;

/** The command of a prompt line, or null when the line is not one. */
export function promptCommand(line: string): string | null {
  const m = PROMPT.exec(line);
  if (!m || m[1] === undefined) return null;
  const cmd = m[1].trim();
  // `# comment`-like lines inside formats are not prompts: a command starts with a word
  if (!/^[\w./~-]/.test(cmd)) return null;
  return cmd;
}
