"""Malformed HDF5 files read back: sweep shards (`hubsim merge`), result files (`hubsim report`),
calibration checkpoints (`hubsim calibrate --resume`) and sweep outputs and journals
(`hubsim sweep --resume`). Real files are made once (small runs) and then damaged: truncated,
overwritten, or edited with h5py."""
import os
import shutil
import subprocess
import tempfile

import h5py
import numpy as np

from cases_scenario import garbage
from harness import Case

SMALL_SWEEP = "tests/sweep/data/saltelli-small.toml"
SMALL_SCENARIO = "tests/sweep/data/small-base.toml"


class Fixtures:
    """Real files, made on first use: two shards of a small sweep, a shard of another sweep
    (another seed) and a run file."""

    def __init__(self, hubsim, src):
        self.dir = tempfile.mkdtemp(prefix="hubsim-hdf5-fixtures-")
        sweep = os.path.join(src, SMALL_SWEEP)
        made = [
            ["sweep", sweep, "--shard", "0/2", "--out", self.path("shard0.h5")],
            ["sweep", sweep, "--shard", "1/2", "--out", self.path("shard1.h5")],
            ["sweep", sweep, "--shard", "1/2", "--seed", "8", "--out", self.path("other1.h5")],
            ["run", os.path.join(src, SMALL_SCENARIO), "--replications", "1", "--out", self.path("run.h5")],
        ]
        for args in made:
            subprocess.run([hubsim, *args, "--threads", "2", "-q"], check=True, timeout=300)

    def path(self, name):
        return os.path.join(self.dir, name)

    def remove(self):
        shutil.rmtree(self.dir, ignore_errors=True)


def copy_of(fixtures, name, edit=None, keep_bytes=None, patch=None):
    """A file maker: the fixture `name`, cut to `keep_bytes`, bytes overwritten at `patch`
    (offset, bytes), or edited in h5py by `edit(h5py.File)`."""
    def make(path):
        shutil.copyfile(fixtures.path(name), path)
        if keep_bytes is not None:
            size = os.path.getsize(path)
            os.truncate(path, keep_bytes if keep_bytes >= 0 else size + keep_bytes)
        if patch is not None:
            offset, data = patch
            with open(path, "r+b") as fh:
                fh.seek(offset if offset >= 0 else os.path.getsize(path) + offset)
                fh.write(data)
        if edit is not None:
            with h5py.File(path, "r+") as f:
                edit(f)
    return make


def write_hdf5(edit):
    def make(path):
        with h5py.File(path, "w") as f:
            edit(f)
    return make


def set_attr(name, value):
    def edit(f):
        f.attrs[name] = value
    return edit


def replace_dataset(path, data):
    def edit(f):
        del f[path]
        f[path] = data
    return edit


def cases(hubsim, src):
    fx = Fixtures(hubsim, src)
    size = os.path.getsize(fx.path("shard1.h5"))

    def merge(name, shard1, *expect, extra=None):
        files = {"shard0.h5": copy_of(fx, "shard0.h5"), "shard1.h5": shard1}
        files.update(extra or {})
        return Case("merge: " + name, ["merge", "@shard0.h5", "@shard1.h5", "--out", "@out.h5", "-q"],
                    list(expect), files)

    # --- sweep shards read by merge ------------------------------------------------------------
    s1 = r"@shard1\.h5"
    cases = [
        Case("merge: missing shard", ["merge", "@shard0.h5", "@absent.h5", "--out", "@out.h5"],
             [r"@absent\.h5", "does not exist"], {"shard0.h5": copy_of(fx, "shard0.h5")}),
        merge("directory", None, s1, "does not exist|directory"),
        Case("merge: device file", ["merge", "@shard0.h5", "/dev/zero", "--out", "@out.h5"],
             [r"/dev/zero"], {"shard0.h5": copy_of(fx, "shard0.h5")}),
        merge("empty file", b"", s1 + r": not an HDF5 file"),
        merge("text file", "experiment,value\n1,2\n", s1 + r": not an HDF5 file"),
        merge("binary garbage", garbage(65536, 13), s1 + r": not an HDF5 file"),
        merge("HDF5 signature then garbage", b"\x89HDF\r\n\x1a\n" + garbage(4096, 17), s1 + r": not an HDF5 file"),
        merge("a run file", copy_of(fx, "run.h5"), s1 + r": key 'kind'.*a hubsim sweep file"),
        merge("an empty HDF5 file", write_hdf5(lambda f: None), s1 + r": key 'kind'"),
        merge("kind only", write_hdf5(set_attr("kind", "hubsim sweep")), s1 + r": not a complete hubsim sweep file"),
        merge("kind of the wrong type", copy_of(fx, "shard1.h5", edit=set_attr("kind", 7)), s1 + r": key 'kind'"),
        merge("shards of another sweep", copy_of(fx, "other1.h5"), s1 + r": key 'fingerprint'.*same sweep"),
        merge("the same shard twice", copy_of(fx, "shard0.h5"), s1 + r": key 'experiment' = 0: each experiment in one file only"),
        merge("design group deleted", copy_of(fx, "shard1.h5", edit=lambda f: f.__delitem__("design")),
              s1 + r": not a complete hubsim sweep file"),
        merge("run status deleted", copy_of(fx, "shard1.h5", edit=lambda f: f.__delitem__("runs/status")),
              s1 + r": not a complete hubsim sweep file"),
        merge("outcome dataset deleted", copy_of(fx, "shard1.h5", edit=lambda f: f.__delitem__(
            "outcomes/" + f.attrs["outcomes"][0])), s1 + r": not a complete hubsim sweep file"),
        merge("experiment indices as strings", copy_of(fx, "shard1.h5", edit=replace_dataset(
            "design/experiment", np.array([b"a"] * 8))), s1 + r": not a complete hubsim sweep file"),
        merge("too few experiment rows", copy_of(fx, "shard1.h5", edit=replace_dataset(
            "design/experiment", np.arange(1, 16, 2, dtype=np.int64)[:3])), s1, r"design|inconsistent|experiments"),
        merge("experiment index out of range", copy_of(fx, "shard1.h5", edit=lambda f: f["design/experiment"].__setitem__(0, 999)),
              s1 + r": key 'design/experiment' = 999"),
        merge("negative experiment index", copy_of(fx, "shard1.h5", edit=lambda f: f["design/experiment"].__setitem__(0, -5)),
              s1 + r": key 'design/experiment' = -5"),
        merge("one parameter fewer", copy_of(fx, "shard1.h5", edit=replace_dataset(
            "design/parameter", np.array([b"attention.mean_weeks"]))), s1, r"design|parameter"),
        merge("unknown run status", copy_of(fx, "shard1.h5", edit=lambda f: f["runs/status"].__setitem__(0, 77)),
              s1 + r": key 'runs/status' = 77"),
        merge("malformed shard attribute", copy_of(fx, "shard1.h5", edit=set_attr("shard", "x/y")), s1 + r": key 'shard' = x/y"),
        merge("shard attribute without a slash", copy_of(fx, "shard1.h5", edit=set_attr("shard", "1")), s1 + r": key 'shard' = 1"),
        merge("negative replications", copy_of(fx, "shard1.h5", edit=set_attr("replications", np.int64(-1))),
              s1 + r": key 'replications' = -1"),
        merge("huge replications", copy_of(fx, "shard1.h5", edit=set_attr("replications", np.int64(2**40))),
              s1 + r": key 'replications' = 1099511627776"),
        merge("huge experiment total", copy_of(fx, "shard1.h5", edit=set_attr("experiments_total", np.int64(2**62))),
              s1 + r": key 'experiments_total' = 4611686018427387904"),
        merge("replications of the wrong type", copy_of(fx, "shard1.h5", edit=set_attr("replications", "one")),
              s1 + r": not a complete hubsim sweep file"),
        Case("merge: only the first shard", ["merge", "@shard0.h5", "--out", "@out.h5"],
             [r"key 'SHARD\.h5' = 8 of 16 experiments.*no file of shard 1/2"], {"shard0.h5": copy_of(fx, "shard0.h5")}),
        Case("merge: output is a shard", ["merge", "@shard0.h5", "@shard1.h5", "--out", "@shard1.h5"],
             [r"key '--out' = \"@shard1\.h5\": is an input of this command"],
             {"shard0.h5": copy_of(fx, "shard0.h5"), "shard1.h5": copy_of(fx, "shard1.h5")}, output=""),
    ]
    for cut in (0, 512, 2048, 8192, size // 2, -1024, -16):
        cases.append(merge(f"shard truncated to {cut} bytes" if cut >= 0 else f"shard without its last {-cut} bytes",
                           copy_of(fx, "shard1.h5", keep_bytes=cut), s1 + r": not (an HDF5|a complete hubsim sweep) file"))
    for offset in (0, 8, 64, 2048):
        cases.append(merge(f"shard overwritten at byte {offset}", copy_of(fx, "shard1.h5", patch=(offset, garbage(64, offset + 1))),
                           s1 + r": (not (an HDF5|a complete hubsim sweep) file|key 'kind')"))

    # --- result files read by report -----------------------------------------------------------
    # `hubsim report`: the C++ command checks the file, the Python generator its content.
    def report(name, content, *expect):
        return Case("report: " + name, ["report", "@in.h5", "--out", "@out.html", "-q"], list(expect),
                    {"in.h5": content}, output="out.html")

    cases += [
        report("truncated run file", copy_of(fx, "run.h5", keep_bytes=size // 3), r"@in\.h5"),
        report("run file without /stats", copy_of(fx, "run.h5", edit=lambda f: f.__delitem__("stats")), r"@in\.h5.*not a hubsim result"),
        report("an empty HDF5 file", write_hdf5(lambda f: None), r"@in\.h5.*not a hubsim result"),
        report("unknown kind", write_hdf5(set_attr("kind", "hubsim banana")), r"@in\.h5"),
        report("a sweep shard", copy_of(fx, "shard0.h5"), r"@in\.h5.*a sweep file"),
    ]

    # --- calibration checkpoints read by calibrate --resume ------------------------------------
    # `hubsim calibrate --resume`: the checkpoint is read back.
    def checkpoint(name, content, *expect):
        args = ["calibrate", "$SRC/calibration/targets.toml", "--scenario", "$SRC/" + SMALL_SCENARIO,
                "--out", "@post.toml", "--checkpoint", "@ck.h5", "--resume", "--scale", "0.002",
                "--budget-runs", "100000", "-q"]
        return Case("checkpoint: " + name, args, list(expect), {"ck.h5": content}, output="post.toml")

    cases += [
        checkpoint("binary garbage", garbage(8192, 19), r"@ck\.h5"),
        checkpoint("an empty HDF5 file", write_hdf5(lambda f: None), r"@ck\.h5"),
        checkpoint("a run file", copy_of(fx, "run.h5"), r"@ck\.h5"),
        checkpoint("a directory", None, r"@ck\.h5"),
    ]

    # --- sweep journals and outputs read by sweep --resume -------------------------------------
    # `hubsim sweep --resume`: the journal and an existing output are read back.
    def resume(name, files, *expect):
        return Case("sweep --resume: " + name, ["sweep", "$SRC/" + SMALL_SWEEP, "--out", "@out.h5", "--resume", "-q"],
                    list(expect), files, output="")

    cases += [
        resume("journal of something else", {"out.h5.journal": garbage(4096, 23)}, r"@out\.h5\.journal: key 'magic'"),
        resume("journal is a directory", {"out.h5.journal": None}, r"--out.*journal name @out\.h5\.journal is not a directory"),
        resume("output is a directory", {"out.h5": None}, r"--out.*not a directory"),
    ]
    return cases, fx.remove
