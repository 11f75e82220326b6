"""Mutation-testing benchmark for the 手撕 code library (prints figures, asserts nothing; not in CI).

    python -m venv --system-site-packages /tmp/mutv          # keep mutmut out of the project venv
    /tmp/mutv/bin/pip install mutmut==3.8.1
    echo "$PWD/.venv/lib/python3.11/site-packages" > /tmp/mutv/lib/python3.11/site-packages/project.pth
    /tmp/mutv/bin/python tests/bench/bench_mutation.py rope rmsnorm_swiglu ...   # some modules
    /tmp/mutv/bin/python tests/bench/bench_mutation.py --all                      # every module (hours)
    /tmp/mutv/bin/python tests/bench/bench_mutation.py --ref main rope             # figures at a revision

For each module of docs/code/src (Hot 100 and ACM modules excluded) the script builds a scratch project
in a temporary folder: all library modules under src/ (so imports between exercises work), the module's
own test file tests/code/test_<module>.py, and a pyproject that tells mutmut to mutate only that module.
It runs `mutmut run`, reads the result of every mutant and prints one line per module:

    module  mutants  killed  survived  timeout  equivalent  score

score = killed / (mutants - equivalent). Timeouts (mutmut sends SIGXCPU when a child passes its CPU-time
limit) are shown but not counted as killed: before ONE_THREAD_ENV, mutmut 3.8.1 reported 51 kmeans mutants
as timeouts, among them ones that cannot loop (default seed 0 -> 1); with one thread they ran normally and
33 of them survived. A timeout is therefore not taken as evidence of detection.
Only the module's own unit tests are used (no doctests and no tests/code/test_devices.py), so the figure
is a lower bound for the whole suite.

Equivalent mutants (changes that no test can detect because behaviour does not change) are listed in
EQUIVALENT below with the reason, keyed by mutmut's mutant name; they are left out of the denominator.
Surviving mutants that are not listed are printed so they can be inspected with `mutmut show`.

Measured on 2026-12-03 (2-core shared machine, --max-children 1), before = `--ref dade1ba` (the library
before issue 20), after = this revision. "before, equiv. excluded" removes the same equivalent mutants
by hand from the before figures.

    module                 before            before, equiv. excluded   after (equiv. excluded)
    rmsnorm_swiglu         97/111  87.4%     97/106  91.5%             121/121 100%  (6 equivalent)
    lora                   67/76   88.2%     67/74   90.5%              73/73  100%  (2 equivalent)
    linear_regression_sgd  107/118 90.7%     107/117 91.5%             159/159 100%  (1 equivalent)
    rope                   156/175 89.1%     not classified            not measured (stopped after 25 min)

Second round, same machine and date. before = main at c84b01b, i.e. the same module code with the tests
before this round; after = this revision; score = killed / (mutants - equivalent); t/o = timeouts in the
after run (not counted, see above); sec = duration of the after run. The before runs of auc_gauc, iou_nms,
detection_map and text_metrics were made before ONE_THREAD_ENV (4, 1, 0, 0 timeouts counted as not killed).

    module           mutants  before   before, equiv. excl.  after (equiv. excl.)   equiv.  t/o   sec
    auc_gauc           197    86.3%    170/182  93.4%        176/182  96.7% (a)       15     6    453
    iou_nms            100    86.0%     86/95   90.5%         95/95   100% (b)         5     0     37
    detection_map      163    89.0%    145/154  94.2%        154/154  100%             9     0    162
    text_metrics       173    95.4%    165/169  97.6%        169/169  100%             4     0    139
    receptive_field     29    100%      29/29   100%          29/29   100% (c)         0     0     12
    kmeans             237    83.5%    198/222  89.2%        220/222  99.1% (d)       15     0    115

    (a) measured with ONE_THREAD_ENV: no survivor left; 6 timeouts remain with one thread (not inspected;
        the module has two `while` loops that a mutant can keep from ending);
    (b) measured with ONE_THREAD_ENV. batched_nms offset `*` -> `/` was killed by Hypothesis only by chance in
        the before run; test_nms_batched_keeps_identical_boxes_of_different_classes now kills it every time.
    (c) no test change. Measured with ONE_THREAD_ENV: 12 seconds; with torch's thread pool the same run took
        391 seconds and reported 6 of the 29 as timeouts (23/29 killed).
    (d) kmeans before and after both measured with ONE_THREAD_ENV (about 2 minutes each; without it a run took
        24 minutes and reported 51 timeouts, 75.9%). The 2 survivors are argsort(kind=None) in update_centers:
        which of several equally far points an empty cluster takes can change with an unstable sort, but the
        default sort kept the tied points of the test data in order, and no deterministic test was found.

Not measured (time): conv2d, image_processing, ctc, softmax_cross_entropy, losses, dropout,
logistic_regression, batch_norm, layer_norm, mlp_backprop, flash_attention_numpy, sampling, leetcode_3 and all
PyTorch modules (beam_search and cnn_classifier were started in the first round and stopped for time; their
tests train or search exhaustively, so each mutant takes tens of seconds here).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "docs" / "code" / "src"
TESTS = ROOT / "tests" / "code"

# mutant name -> why it cannot change observable behaviour
EQUIVALENT: dict[str, dict[str, str]] = {
    "rope": {},
    "auc_gauc": {
        "auc_gauc.x__check_binary__mutmut_32": "labels as float64 instead of int: only compared with 1 and summed "
                                               "into int(), same results",
        **{f"auc_gauc.x_average_ranks__mutmut_{i}": "argsort kind: tied values get the same averaged rank, so the "
                                                    "order inside a tie does not matter" for i in (3, 5, 7)},
        **{f"auc_gauc.x_average_ranks__mutmut_{i}": "np.empty dtype=None is float64, the same as dtype=float"
           for i in (11, 13)},
        "auc_gauc.x_average_ranks__mutmut_16": "start <= n: one more pass with start == n assigns to an empty slice",
        "auc_gauc.x_average_ranks__mutmut_30": "slice end+2 gives the next value this rank too, but the next group "
                                               "overwrites it (past the end the slice is cut)",
        **{f"auc_gauc.x_auc_threshold_sweep__mutmut_{i}": "argsort kind: tied scores cross the threshold together, "
                                                          "the order inside a tie does not matter" for i in (12, 14, 17)},
        **{f"auc_gauc.x_gauc__mutmut_{i}": "scores without dtype=float: auc_rank_sum converts them with dtype=float"
           for i in (7, 9)},
        **{f"auc_gauc.x_gauc__mutmut_{i}": "weights without dtype=float: only summed and passed to float()"
           for i in (16, 18)},
    },
    "kmeans": {
        "kmeans.x_kmeans_core__mutmut_1": "default max_iter 101 instead of 100: differs only on data that needs more "
                                          "than 100 Lloyd iterations (a test of the constant, not of the algorithm)",
        "kmeans.x_kmeans_core__mutmut_3": "astype(None) is float64, the same copy as astype(float)",
        **{f"kmeans.x_kmeans_core__mutmut_{i}": "array_equal against None never stops early; once converged the "
                                                "labels and centres no longer change, so the result is the same "
                                                "(only slower)" for i in (31, 32)},
        "kmeans.x_update_centers__mutmut_11": "counts.astype(None) is float64, the same as astype(float)",
        "kmeans.x_update_centers__mutmut_20": "empty.size >= 0: with no empty cluster far = [:0] is empty and the "
                                              "loop does nothing",
        "kmeans.x_update_centers__mutmut_37": 'argsort kind="STABLE": NumPy reads the kind case-insensitively',
        "kmeans.x_kmeans__mutmut_1": "default max_iter 301 instead of 300: differs only on data that needs more "
                                     "than 300 iterations",
        "kmeans.x_kmeans__mutmut_15": "init.astype(None) is float64, the same copy as astype(float)",
        **{f"kmeans.x_kmeans__mutmut_{i}": "initial labels that can never equal a label array (None, an object "
                                           "array of None, -2, or length d instead of n: equal only when d == n, "
                                           "and then identical)" for i in (16, 18, 21, 23)},
        **{f"kmeans.x_kmeans__mutmut_{i}": "array_equal against None never stops early; with unchanged labels the "
                                           "M step leaves the centres in place, shift 0 <= tol stops at the same "
                                           "iteration with the same result" for i in (38, 39)},
    },
    "iou_nms": {
        "iou_nms.x_nms__mutmut_8": 'argsort kind="STABLE": NumPy reads the kind case-insensitively',
        "iou_nms.x_nms__mutmut_24": "boxes[best:best+2]: only row [0] of the IoU matrix is used, the extra row is dropped",
        "iou_nms.x_batched_nms__mutmut_10": "offset.astype(None) is float64: same indices for float64 boxes; for "
                                            "float32 boxes only the rounding of the shifted coordinates changes",
        "iou_nms.x_batched_nms__mutmut_13": "offset span + 2 instead of + 1: any shift larger than the span keeps "
                                            "classes apart",
        "iou_nms.x_batched_nms__mutmut_20": "boxes - offset: shifting classes the other way keeps them apart as well",
    },
    "text_metrics": {
        "text_metrics.x_brevity_penalty__mutmut_1": "c >= r returns 1.0; at c == r the formula gives exp(1 - 1) = 1.0 too",
        **{f"text_metrics.x_corpus_bleu__mutmut_{i}": "matched (or total) of order n stored at slot n-2, i.e. rotated: "
                                                      "the uniform geometric mean and min() do not depend on the order"
           for i in (34, 38)},
        "text_metrics.x_lcs_length__mutmut_1": "swapping equal-length sequences: LCS is symmetric",
    },
    "detection_map": {
        **{f"detection_map.x_precision_recall__mutmut_{i}": "cumsum of bools without dtype=float gives ints; "
                                                              "tp / rank is the same float" for i in (4, 6)},
        "detection_map.x_average_precision__mutmut_43": 'searchsorted side="left" is the default',
        "detection_map.x_match_detections__mutmut_24": "default for a missing image is only used through len() == 0; "
                                                       "(0, 5) has length 0 too",
        "detection_map.x_match_detections__mutmut_38": "used ground truths marked -2 instead of -1: both are below any "
                                                       "IoU threshold in [0, 1]",
        "detection_map.x_class_ap__mutmut_10": 'float("NAN") is nan like float("nan")',
        **{f"detection_map.x_coco_ap__mutmut_{i}": "any method other than 'all' and 'voc11' takes the 101-point "
                                                   "branch, so a changed 'coco101' string is the same" for i in (6, 11, 12)},
    },
    "lora": {
        "lora.xǁLoRALinearǁ__init____mutmut_31": "merged = None: None is falsy like False in every `if self.merged`",
        "lora.x_apply_lora__mutmut_18": "get_submodule('') returns the model itself, so `or True` changes nothing",
    },
    "linear_regression_sgd": {
        "linear_regression_sgd.x_least_squares__mutmut_10": "dropping rcond=None: NumPy >= 2 uses the same default",
    },
    "rmsnorm_swiglu": {
        **{f"rmsnorm_swiglu.xǁSwiGLUFFNǁ__init____mutmut_{i}": "nn.Linear(bias=None): None is falsy, no bias as with False"
           for i in (12, 20, 28)},
        **{f"rmsnorm_swiglu.xǁReLUFFNǁ__init____mutmut_{i}": "nn.Linear(bias=None): None is falsy, no bias as with False"
           for i in (5, 14)},
        "rmsnorm_swiglu.xǁTorchRMSNormǁforward__mutmut_27": "weight.to(None) keeps float32; type promotion with the "
                                                           "float32/float64 activations gives the same product",
    },
}

# mutmut forks one child per mutant and limits its CPU time. OpenMP / BLAS thread pools started before the
# fork (scikit-learn's KMeans uses OpenMP) can spin in the child and burn that CPU time, which mutmut then
# reports as a timeout; one thread per library avoids it and is kinder to a shared machine.
ONE_THREAD_ENV = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}

CONFTEST = '''from hypothesis import settings
settings.register_profile("bench", deadline=None)
settings.load_profile("bench")
'''

PYPROJECT = '''[tool.pytest.ini_options]
addopts = "--import-mode=importlib -p no:cacheprovider -p no:randomly"
pythonpath = [".", "src"]

[tool.mutmut]
source_paths = ["src"]
only_mutate = ["src/{module}.py"]
pytest_add_cli_args_test_selection = ["tests/code/test_{module}.py"]
'''


def library_modules() -> list[str]:
    return sorted(p.stem for p in SRC.glob("*.py") if not p.stem.startswith(("hot100", "acm")))


def read(path: Path, ref: str | None) -> str:
    """The file as it is in the working tree, or at git revision `ref` (for before/after figures)."""
    if ref is None:
        return path.read_text(encoding="utf-8")
    rel = path.relative_to(ROOT).as_posix()
    return subprocess.run(["git", "show", f"{ref}:{rel}"], cwd=ROOT, capture_output=True, text=True,
                          check=True).stdout


@dataclass
class Score:
    module: str
    total: int
    killed: int
    survived: list[str]
    statuses: dict[str, str]
    diffs: dict[str, str]
    timeout: int
    other: int
    equivalent: int
    seconds: float

    @property
    def score(self) -> float:
        denominator = self.total - self.equivalent
        return self.killed / denominator if denominator else 1.0


def scratch_project(module: str, where: Path, ref: str | None) -> None:
    (where / "src").mkdir(parents=True)
    for name in library_modules():
        try:
            (where / "src" / f"{name}.py").write_text(read(SRC / f"{name}.py", ref), encoding="utf-8")
        except subprocess.CalledProcessError:  # module added after `ref`
            pass
    (where / "tests" / "code").mkdir(parents=True)
    (where / "tests" / "__init__.py").write_text("")
    (where / "tests" / "code" / "__init__.py").write_text("")
    for name in ("threads.py", f"test_{module}.py"):
        (where / "tests" / "code" / name).write_text(read(TESTS / name, ref), encoding="utf-8")
    (where / "tests" / "conftest.py").write_text(CONFTEST)
    (where / "pyproject.toml").write_text(PYPROJECT.format(module=module))


def run_module(module: str, max_children: int, ref: str | None, show: bool = False) -> Score:
    with tempfile.TemporaryDirectory(prefix=f"mut-{module}-") as tmp:
        work = Path(tmp)
        scratch_project(module, work, ref)
        mutmut = Path(sys.executable).with_name("mutmut")
        start = time.perf_counter()
        subprocess.run([str(mutmut), "run", "--max-children", str(max_children)], cwd=work, env=ONE_THREAD_ENV,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        seconds = time.perf_counter() - start
        listing = subprocess.run([str(mutmut), "results", "--all", "true"], cwd=work, capture_output=True,
                                 text=True, check=False).stdout
        status: dict[str, str] = {}
        for line in listing.splitlines():
            match = re.match(r"\s*(\S+__mutmut_\d+): (.+)$", line)
            if match:
                status[match.group(1)] = match.group(2).strip()
        equivalent = EQUIVALENT.get(module, {}) if ref is None else {}
        survived = [m for m, s in status.items() if s == "survived" and m not in equivalent]
        diffs = {m: subprocess.run([str(mutmut), "show", m], cwd=work, capture_output=True, text=True,
                                   check=False).stdout for m in survived} if show else {}
    return Score(
        module=module,
        total=len(status),
        killed=sum(s == "killed" for s in status.values()),
        survived=survived,
        statuses=status,
        diffs=diffs,
        timeout=sum(s == "timeout" for s in status.values()),
        other=sum(s not in {"killed", "survived", "timeout"} for s in status.values()),
        # only a surviving mutant can be equivalent; a listed one that was killed means the list is stale
        equivalent=sum(status[m] == "survived" for m in equivalent if m in status),
        seconds=seconds,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", help="module names (file stems in docs/code/src)")
    parser.add_argument("--all", action="store_true", help="every library module (slow)")
    parser.add_argument("--max-children", type=int, default=max(1, (os.cpu_count() or 2) - 1))
    parser.add_argument("--show", action="store_true", help="print the diff of every surviving mutant")
    parser.add_argument("--ref", help="take modules and tests from this git revision (e.g. main) instead")
    args = parser.parse_args()
    modules = library_modules() if args.all else args.modules
    unknown = sorted(set(modules) - set(library_modules()))
    if unknown or not modules:
        parser.error(f"give module names from {library_modules()}; unknown: {unknown}")
    print(f"{'module':28} {'mutants':>7} {'killed':>6} {'surv.':>5} {'t/o':>4} {'other':>5} {'equiv.':>6} "
          f"{'score':>6} {'sec':>6}")
    for module in modules:
        r = run_module(module, args.max_children, args.ref, args.show)
        print(f"{module:28} {r.total:7} {r.killed:6} {len(r.survived):5} {r.timeout:4} {r.other:5} "
              f"{r.equivalent:6} {r.score:6.1%} {r.seconds:6.0f}", flush=True)
        for name in EQUIVALENT.get(module, {}) if args.ref is None else {}:
            if name not in r.statuses or r.statuses[name] != "survived":
                print(f"    stale EQUIVALENT entry (not a survivor): {name}")
        for name, state in r.statuses.items():
            if state not in {"killed", "survived", "timeout"}:
                print(f"    {state}: {name}")
        for name in r.survived:
            print(f"    survived: {name}")
            if name in r.diffs:
                print("\n".join("        " + line for line in r.diffs[name].splitlines()))


if __name__ == "__main__":
    main()
