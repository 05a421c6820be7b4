"""Runs malformed inputs through the `hubsim` command line and checks what the user sees.

A case is a set of files written into a fresh directory, a command line and the patterns its
message must match. Every case must end with exit code 2, one `hubsim: error:` line (or, for a
malformed command line, CLI11's own message) matching every pattern, nothing that looks like a
crash, and the directory exactly as it was before: no output, no temporary file, no journal, no
input file touched. Every third case also puts a previous output at the output path first, which
must survive byte for byte.
"""
import dataclasses
import hashlib
import linecache
import os
import re
import subprocess
import sys
import tempfile

# Written at the output path before every third case; must be unchanged afterwards.
PREVIOUS_OUTPUT = b"previous output: must survive a failed command\n"
# Anything in the output that means the program crashed or leaked an internal error.
CRASH_SIGNS = re.compile(r"Sanitizer|runtime error:|terminate called|Traceback|Segmentation|"
                         r"core dumped|hubsim: failed:|HDF5-DIAG|std::")


@dataclasses.dataclass
class Case:
    name: str
    args: list  # "@x" is the file x of the case's directory, "$SRC/" the source tree
    expect: list  # regular expressions the message must match (search, not full match)
    files: dict = dataclasses.field(default_factory=dict)  # name -> str | bytes | None (a directory)
    output: str = "out.h5"  # the output path the command is given ("" when it has none)
    cli_parse_error: bool = False  # the message comes from CLI11, not from hubsim's own checks
    section: str = ""  # the kind of fault: the "# --- SECTION ---" comment above the case

    def __post_init__(self):
        if not self.section:
            self.section = _section_of_caller()


_SECTION = re.compile(r"\s*# --- (.+?) -*$")


def _section_of_caller():
    """The "# --- SECTION ---" comment above the line of a cases_*.py file that made the case
    (the outermost such line on the stack, so a helper that makes cases counts where it is
    called), or "" when the function holding that line has none above it."""
    frame, found = sys._getframe(2), None
    while frame is not None:
        if os.path.basename(frame.f_code.co_filename).startswith("cases_"):
            found = (frame.f_code.co_filename, frame.f_lineno, frame.f_code.co_firstlineno)
        frame = frame.f_back
    if found is None:
        return ""
    path, line, first = found
    for n in range(line, first - 1, -1):
        m = _SECTION.match(linecache.getline(path, n))
        if m:
            return m.group(1).strip()
    return ""


def _expand(arg, work, src):
    arg = arg.replace("$SRC/", src + "/")
    return re.sub(r"@([\w./-]*)", lambda m: os.path.join(work, m.group(1)), arg)


def _snapshot(root):
    """Every path under `root` with the size, modification time and hash of its content."""
    state = {}
    for base, dirs, files in os.walk(root):
        for d in dirs:
            state[os.path.relpath(os.path.join(base, d), root)] = "dir"
        for f in files:
            path = os.path.join(base, f)
            st = os.lstat(path)
            digest = ""
            if os.path.isfile(path) and not os.path.islink(path) and os.access(path, os.R_OK):
                with open(path, "rb") as fh:
                    digest = hashlib.sha256(fh.read()).hexdigest()
            state[os.path.relpath(path, root)] = (st.st_size, st.st_mtime_ns, digest)
    return state


def _write_files(work, files, src):
    for name, content in files.items():
        path = os.path.join(work, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        if content is None:
            os.makedirs(path, exist_ok=True)
        elif callable(content):
            content(path)
        else:
            data = content if isinstance(content, bytes) else content.replace("$SRC/", src + "/").encode()
            with open(path, "wb") as fh:
                fh.write(data)


def run_case(hubsim, src, case, index, timeout=60):
    """Returns the list of problems (empty when the case behaves) and the message shown."""
    with tempfile.TemporaryDirectory(prefix="hubsim-bad-input-") as work:
        _write_files(work, case.files, src)
        out = os.path.join(work, case.output) if case.output else None
        if out and index % 3 == 0 and os.path.isdir(os.path.dirname(out)):
            with open(out, "wb") as fh:
                fh.write(PREVIOUS_OUTPUT)
        before = _snapshot(work)
        args = [hubsim] + [_expand(a, work, src) for a in case.args]
        try:
            p = subprocess.run(args, capture_output=True, timeout=timeout, cwd=work)
        except subprocess.TimeoutExpired:
            return [f"no answer within {timeout} s (a hang)"], ""
        stderr = p.stderr.decode("utf-8", "replace")
        problems = []
        if p.returncode != 2:
            problems.append(f"exit code {p.returncode}, expected 2")
        lines = [l for l in stderr.splitlines() if l.strip()]
        if not case.cli_parse_error:
            # The report generator (Python) prefixes its messages with "hubsim report: error: ".
            errors = [l for l in lines if re.match(r"hubsim( report)?: error: ", l)]
            if len(errors) != 1:
                problems.append(f"{len(errors)} 'hubsim: error:' lines, expected 1")
        if CRASH_SIGNS.search(stderr) or CRASH_SIGNS.search(p.stdout.decode("utf-8", "replace")):
            problems.append("output looks like a crash or an internal error")
        shown = stderr.replace(work + "/", "@")
        for pattern in case.expect:
            if not re.search(pattern, shown):
                problems.append(f"message does not match {pattern!r}")
        after = _snapshot(work)
        if after != before:
            added = sorted(set(after) - set(before))
            changed = sorted(k for k in before if k in after and before[k] != after[k])
            removed = sorted(set(before) - set(after))
            problems.append(f"directory changed: added {added}, changed {changed}, removed {removed}")
        if problems:
            problems.append("message: " + shown.strip()[:600])
        return problems, shown.strip()
