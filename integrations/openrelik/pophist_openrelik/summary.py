"""What the analyst reads in OpenRelik: a markdown task report (per input: accounts, tag counts,
findings by kind) and one report per input that has a history, from pophist's JSON report
(contract pophist/report, schema/report.schema.json)."""

from collections import Counter

from .openrelik import PRIORITY_HIGH, PRIORITY_LOW, PRIORITY_MEDIUM

TITLE = "pophist: POP3 download history"


def _md(text):
    """Evidence text in markdown: one line, with the characters that start markup escaped."""
    text = " ".join(str(text).split())
    return "".join("\\" + c if c in "\\`*_[]<>|" else c for c in text)


def _count(n, one, many=None):
    return f"{n} {one if n == 1 else (many or one + 's')}"


def _findings(source):
    """Findings by kind, over the source's histories: (kind, count) with a count above zero."""
    kinds = Counter()
    for h in source.get("histories", []):
        for e in h.get("entries", []):
            c = e.get("correlation") or {}
            if c.get("status") in ("not-in-store", "ambiguous"):
                kinds[f"downloads {c['status']}"] += 1
            if c.get("contradictions"):
                kinds["downloads with contradicting messages"] += 1
        kinds["UIDs no longer in the history (not-in-history)"] += len(h.get("notInHistory", []))
        kinds["messages with no POP3 origin (unexplained)"] += len(h.get("unexplained", []))
        for a in h.get("anomalies", []):
            kinds[f"anomaly {a['code']} ({a['severity']})"] += 1
    kinds["items recovered from freed space"] += len(source.get("recovered", []))
    kinds["warnings"] += len(source.get("warnings", []))
    return [(k, n) for k, n in kinds.items() if n > 0]


def _priority(source):
    """High when the input could not be read in full; medium when something calls for a look
    (a finding other than an informational anomaly or a reader's warning); else low."""
    if source["status"] in ("inconclusive", "error"):
        return PRIORITY_HIGH
    notable = [k for k, _ in _findings(source) if k != "warnings" and not k.endswith("(info)")]
    return PRIORITY_MEDIUM if notable else PRIORITY_LOW


def _account_lines(source):
    lines = []
    for h in source.get("histories", []):
        account = h.get("account", {})
        ops = Counter(e["operation"] for e in h.get("entries", []))
        summary = h.get("summary", {})
        who = _md(account.get("smtp") or "unknown account")
        uid = f", uid {_md(account['uid'])}" if account.get("uid") else ""
        servers = f", servers {', '.join(_md(s) for s in account.get('servers', []))}" if account.get("servers") else ""
        tags = ", ".join(f"{n} {op}" for op, n in sorted(ops.items()))
        lines.append(f"* {who}{uid} ({h.get('role', 'history')}){servers}: {_count(len(h.get('entries', [])), 'tag')} ({tags or 'none'})")
        if summary:
            lines.append(f"    * downloads: {summary.get('downloads', 0)}, matched {summary.get('matched', 0)}, ambiguous {summary.get('ambiguous', 0)}, not in store {summary.get('notInStore', 0)}")
    return lines


def source_section(display_name, source):
    """The markdown for one input: its status, its accounts and tags, its findings by kind."""
    lines = [f"## {_md(display_name)}", "", f"Status: **{source['status']}**"]
    if source["status"] == "inconclusive":
        lines.append(f"Could not read: {'; '.join(_md(u) for u in source.get('unread', []))}. No history was found, but it may be in what could not be read.")
    if source.get("error"):
        lines.append(f"Error {source['error'].get('code')}: {_md(source['error'].get('message', ''))}")
    lines.append("")
    lines += _account_lines(source)
    findings = _findings(source)
    if findings:
        lines += ["", "Findings:"] + [f"* {k}: {n}" for k, n in findings]
    return "\n".join(lines) + "\n"


def source_summary(display_name, source):
    histories = source.get("histories", [])
    accounts = sorted({h.get("account", {}).get("smtp") or "?" for h in histories})
    not_in_store = sum(h.get("summary", {}).get("notInStore", 0) for h in histories)
    return f"{display_name}: {source['status']}, {_count(len(accounts), 'account')} ({', '.join(accounts) or 'none'}), {not_in_store} downloads not in store"


def file_report_content(display_name, source):
    return f"# {TITLE}\n\n{source_section(display_name, source)}", source_summary(display_name, source), _priority(source)


def task_report(analysed, skipped):
    """analysed: (display_name, source) pairs; skipped: (display_name, why) pairs."""
    statuses = Counter(s["status"] for _, s in analysed)
    parts = [f"{n} {status}" for status, n in sorted(statuses.items())]
    if skipped:
        parts.append(f"{len(skipped)} skipped")
    summary = f"{_count(len(analysed) + len(skipped), 'input')}: {', '.join(parts) or 'none'}"
    content = [f"# {TITLE}", "", summary, ""]
    content += [source_section(name, source) for name, source in analysed]
    if skipped:
        content += ["## Skipped files", ""] + [f"* {_md(name)}: {_md(why)}" for name, why in skipped] + [""]
    priorities = [_priority(s) for _, s in analysed] + ([PRIORITY_MEDIUM] if skipped else [])
    return summary, "\n".join(content), max(priorities, default=PRIORITY_LOW)
