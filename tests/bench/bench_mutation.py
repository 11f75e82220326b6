"""Mutation-testing benchmark for the 手撕 code library (prints figures, asserts nothing; not in CI).

    python -m venv --system-site-packages /tmp/mutv          # keep mutmut out of the project venv
    /tmp/mutv/bin/pip install mutmut==3.8.1
    echo "$PWD/.venv/lib/python3.11/site-packages" > /tmp/mutv/lib/python3.11/site-packages/project.pth
    /tmp/mutv/bin/python tests/bench/bench_mutation.py rope rmsnorm_swiglu ...   # some modules
    /tmp/mutv/bin/python tests/bench/bench_mutation.py --hot100                   # Hot 100 + ACM modules
    /tmp/mutv/bin/python tests/bench/bench_mutation.py --all                      # every module (hours)
    /tmp/mutv/bin/python tests/bench/bench_mutation.py --ref main rope             # figures at a revision

For each module of docs/code/src the script builds a scratch project in a temporary folder: all modules
under src/ (so imports between exercises work), the module's own test file tests/code/test_<module>.py
(TEST_FILES maps the Hot 100 / ACM modules whose tests live elsewhere), and a pyproject that tells mutmut
to mutate only that module.
It runs `mutmut run`, reads the result of every mutant and prints one line per module:

    module  mutants  killed  survived  timeout  equivalent  score  +t/o

score = killed / (mutants - equivalent), the figure every table below reports unless it says
otherwise. Timeouts (mutmut sends SIGXCPU when a child passes its CPU-time limit) are printed
apart, with a second score that counts them as detected, `(killed + timeout) / (mutants -
equivalent)`: an endless loop is a real detection, but before ONE_THREAD_ENV, mutmut 3.8.1
reported 51 kmeans mutants as timeouts, among them ones that cannot loop (default seed 0 -> 1); with
one thread they ran normally and 33 of them survived. So a timeout alone is not taken as evidence.
Only the module's own unit tests are used (no doctests and no tests/code/test_devices.py), so the
figure is a lower bound for the whole suite.

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

The other library modules were measured in later rounds: the NumPy ones in the third round, the
PyTorch ones in the two PyTorch tables further down.

Hot 100 and ACM modules (`--hot100`), same day and machine. before = `--ref c84b01b` (main before this
work), after = this revision; "killed" counts timeouts as detected. "sec" is the before run. The six
rows hot100_matrix .. hot100_structures got new tests and were re-run; for the first ten only EQUIVALENT
entries were added, so after = the before run with those mutants left out. hot100_structures had no test
file of its own before (its figure came from the five Hot 100 test files that use it);
tests/code/test_hot100_structures.py is new.

    module                 mutants  before          after              equivalent  sec
    hot100_hash                 37   36/37   97.3%    36/36   100%             1     97
    hot100_sliding_window       39   38/39   97.4%    38/38   100%             1     46
    hot100_greedy               67   66/67   98.5%    66/66   100%             1     85
    hot100_substring            84   80/84   95.2%    80/80   100%             4     56
    hot100_lru                  44   40/44   90.9%    40/40   100%             4     34
    hot100_array               113  110/113  97.3%   110/110  100%             3    151
    hot100_tricks               89   86/89   96.6%    86/86   100%             3    287
    hot100_stack                98   98/98  100%      98/98   100%             0    109
    hot100_heap                105  101/105  96.2%   101/101  100%             4    175
    acm_problems               282  268/282  95.0%   268/271   98.9%          11    697
    hot100_matrix              151  145/151  96.0%   147/147  100%             4    102
    hot100_two_pointers        125  113/125  90.4%   114/114  100%            11    205
    hot100_multi_dp            173  163/173  94.2%   166/166  100%             7    214
    acm_mode                   142  133/142  93.7%   140/142   98.6%           0    126
    hot100_graph               142  133/142  93.7%   135/135  100%             7    212
    hot100_structures           76   68/76   89.5%    73/73   100%             3    250
    hot100_binary_search       252  238/252  94.4%   241/241  100%            11    914

hot100_binary_search was measured last: three LC 33 survivors got a test and 7 mutants were listed as
equivalent; the 4 survivors in lc4_median_partition (>= instead of > at the partition test, lo starting at 1,
lo = i + 2) are classified and its after figure measured in the "hot100_binary_search re-run" paragraph.

hot100_dp, hot100_backtracking, hot100_linked_list and hot100_binary_tree are measured in the table below.
Survivors left in the table above: acm_mode's one_case / grid_of_chars reading one token / line past
the stated n (seen only when the input has extra data) and acm_problems.maze's start/end defaults (seen
only when the grid has no S or E); they are not listed as equivalent because malformed input does show them.

The last four Hot 100 modules, same day and machine (--max-children 1, ONE_THREAD_ENV). before = `--ref 07d9d7b`
(main before this work), after = this revision; score = killed / (mutants - equivalent) with timeouts NOT
counted; "+t/o" counts them as detected: every timeout below was looked at with `mutmut show` and is a loop the
mutant keeps from ending (these tests start no thread pool). sec = the after run.

    module               mutants  before           before, equiv. excl.  after (equiv. excl.)  +t/o   equiv.  t/o  sec
    hot100_linked_list       180  158/180  87.8%   158/168  94.0%        160/168  95.2%        100%       12    8  282
    hot100_binary_tree       286  279/286  97.6%   279/284  98.2%        284/284  100%         100%        2    0  147
    hot100_backtracking      232  227/232  97.8%   227/227  100%         227/227  100%         100%        5    0  116
    hot100_dp                202  194/202  96.0%   194/194  100%         194/194  100%         100%        8    0  143

    hot100_linked_list: the 12 equivalent mutants all change the dummy head's value. Timeouts: LC 160 pointer
    switches that never meet (4), LC 142 with `slow is not fast` walking a cycle forever, LC 2 with a loop test
    that stays true or a negative carry (3). New: a node-identity test of LC 21's stable merge (`<` for `<=`
    survived) and two-node acyclic inputs for LC 141 / 142 (turned the LC 141 timeout into a kill).
    hot100_binary_tree: equivalent = float("-INF") / float("INF") in LC 98. Survivors: LC 437 prefix-count
    bookkeeping (= 1 instead of += 1; += 1, -= 2 or = 1 when backtracking) and LC 236 searching only p in the
    left subtree; a first after-run then let through three mutants the Hypothesis tests had killed by chance
    before (LC 98 `low <= val`, LC 236 always returning the left result, LC 124 `val - max(left, right)`).
    Each now has a fixed example: zeros on one path and equal-prefix siblings (LC 437), p / q swapped and both
    in the right subtree (LC 236), equal values on either side (LC 98), a three-node chain (LC 124).
    hot100_backtracking: no test change; the 5 survivors are equivalent (see EQUIVALENT), and a re-run with them
    listed killed all 227 others.
    hot100_dp: no test change either; the 8 survivors are equivalent (LC 279 `i` from 2 and LC 416's extra
    s = x - 1 were also checked against the module by brute force, n < 2000 and 20000 random arrays).

Third round (s25-mutN), same machine, 2026-12-03, ONE_THREAD_ENV, --max-children 1 under nice -n 19.
before = `--ref main` at 07d9d7b (same module code, tests before this round); after = this revision;
score = killed / (mutants - equivalent); t/o = timeouts in the after run; sec = duration of the after run.
mutmut 3.8.1 also kills a child after a WALL-clock limit, (estimated test time + 1 s) x 15; at nice 19 on this
loaded machine that limit can pass for a mutant that does not loop, so every timeout below was re-run alone.

    module              mutants  before           after               equiv.  t/o   sec
    conv2d                 145   142/145  97.9%   144/144  100%            1     0    43
    image_processing       350   319/350  91.1%   328/328  100%           22     0   163
    ctc                    164   148/164  90.2%   149/149  100%           15     0   119
    softmax_cross_entropy  103    96/103  93.2%   100/100  100% (e)        3     3   172
    losses                 167   146/167  87.4%   159/159  100%            8     0    92
    dropout                 79    52/79   65.8%    76/76   100%            3     0   104
    logistic_regression    106    79/106  74.5%   100/100  100% (f)        6     0   115
    batch_norm             139   132/139  95.0%   137/137  100%            2     0   221
    layer_norm             147   142/147  96.6%   147/147  100%            0     0   153
    mlp_backprop           193   177/193  91.7%   193/193  100%            0     0    70
    flash_attention_numpy  245   224/245  91.4%   231/231  100%           14     0   105
    sampling               182   168/182  92.3%   175/175  100%            7     0    67
    leetcode_3              58    56/58   96.6%    56/56   100% (g)        2     0    43

    (e) the after run reported 98 killed and 3 timeouts (cross_entropy_grad 6 and 7, naive_cross_entropy 4; no
        loop in either function); re-run alone, 6 and naive 4 were killed and 7 survived (listed as equivalent),
        so the timeouts were the wall-clock limit. The figure counts that re-run.
    (f) the before run had 1 timeout (lipschitz_step 14, no loop); it was killed in the after run.
    (g) no test change: after = the before run with the 2 equivalent mutants left out; sec is the before run.

auc_gauc's 6 timeouts (second round, note (a)): its tests use no thread pool (NumPy, SciPy, scikit-learn's
roc_auc_score and Hypothesis, with ONE_THREAD_ENV). Of the mutants of its two `while` loops, six keep a loop from
ending: average_ranks `end = 1` (a tie from index 0 or 1 keeps end at 1), `end -= 1` and `start = end - 1` (the
index walks backwards), auc_threshold_sweep `while i <= len(...)` (at i = n the inner loop adds nothing and
i stays n), `j = 1` and `s_sorted[j] != s_sorted[i]` (j never passes i). Each was applied by hand to a copy of
the module and run on a 5-sample input with ties: all six were still running after 2 s, while the loops on
that input need a few steps. The second-round output did not keep the names of its 6 timeouts; the count
matches these six (no other mutant of the two loops can loop: the others raise an error or end), so they
are taken as real detections, and auc_gauc with them counted is 182/182 (100%). A mutmut re-run of the two
loops' mutants alone was started and stopped for time: each endless mutant runs until mutmut's CPU-time limit,
several minutes apiece on this machine.

hot100_binary_search re-run (s26-mutC, 2026-12-03, ONE_THREAD_ENV, --max-children 1 under nice -n 19). Earlier
runs: 221 killed, 18 timeouts, 6 survivors; two were LC 33 `lo = mid - 1` / `lo = mid + 2` in the
right-sorted branch, where a brute force over all rotations of up to 8 values found [4, 0, 2] (target 1 loops,
target 2 gives -1), now test_lc33_search_rotated_right_half_moves_lo_by_exactly_one; the run after it left 4
survivors, the LC 4 partition mutants 11 (lo = 1), 47 (a_left >= b_right), 51 (b_left >= a_right) and 54
(lo = i + 2). They are equivalent (reasons in EQUIVALENT): every valid cut gives the same median, the >=
tests stay monotone in i, and since the loop has no `lo <= hi` test a search that passes the cut by one
falls back onto it. Applied exactly as mutmut writes them, all four gave statistics.median on every pair
of sorted lists with values 0..4 and lengths 0..6 (213,443 pairs), values 0..2 up to length 9 and 0..11 up
to length 3, and never looped. Measured now, with the 11 equivalent mutants listed: 252 mutants, 220 killed,
21 timeouts, 0 survivors, 607 s: 220/241 = 91.3% killed, 241/241 = 100% with the timeouts counted. Each of
the 21 timeouts was looked at (mutmut's diff) and run on small inputs under a tracer that records the
function's line and local variables; each repeated an earlier state, i.e. a loop it cannot leave:
LC 35 3 / 7 / 10 and LC 74 5 / 9 / 14 (`lo <= hi`, mid = (lo + hi) // 3, lo = mid - 1), LC 33 9 / 15 / 18 /
23 / 26 (// 3, hi = mid + 1, lo = mid - 1), LC 153 5 / 9 / 12 (`lo <= hi`, // 3, lo = mid - 1),
lc4_median_partition 20 / 49 / 53 (i = (lo + hi) // 3, hi = i + 1, lo = i - 1) and lc4_median_kth 18 / 38 / 42
/ 57 (step = k // 3, k -= ni + i or nj + j, k = total // 2 - 1: k reaches a value whose step is 0, so i, j
and k stop changing). The tests start no thread pool. The earlier run counted 222 killed and 19 timeouts;
its names were not kept, so which two mutants moved from killed to timeout was not checked.

PyTorch modules, same machine, 2026-12-03 (ONE_THREAD_ENV, --max-children 1, under nice -n 19 while other
mutation runs and test suites loaded the 2 cores, so "sec" is only a rough guide). before = main at 07d9d7b
(same module code, the module's test file before this round; for five modules measured at the end with
`--ref 07d9d7b`). after = this revision; score = killed / (mutants - equivalent); t/o = timeouts in the
after run (none); sec = duration of the after run.

    module                 mutants  before            after               equivalent  t/o   sec
    adam                       100   85/100   85.0%   100/100  100%                0    0    39
    positional_encoding        213  181/213   85.0%   209/209  100%                4    0   245
    rope                       239  208/239   87.0%   233/233  100%  (e)          6    0   134
    relative_attention         216  200/216   92.6%   208/210  99.0% (f)          6    0   548
    scaled_dot_product_attention 122 109/122  89.3%   116/116  100%                6    0   115
    self_attention              96   89/96   92.7%    94/94   100%                2    0    41
    multi_head_attention       157  143/157   91.1%   155/155  100%                2    0   185
    grouped_query_attention    132  128/132   97.0%   132/132  100%                0    0    57
    transformer_block          248  234/248   94.4%   246/246  100%                2    0   182
    moe                        174  159/174   91.4%   166/166  100%                8    0   174
    mmoe                        81   76/81   93.8%    78/78   100%                3    0    42
    fm_two_tower               185  166/185   89.7%   178/178  100%                7    0   104

    (e) the before runs of positional_encoding (2) and rope (4) had timeouts: mutants that raise inside a
        Hypothesis test, whose shrinking then ran past the CPU limit (detected, not counted).
    (f) the 2 survivors drop `.to(x.device)` / `.to(q.device)` after building the (L, L) distance index on
        the CPU. Not equivalent (on CUDA nn.Embedding and torch.gather reject a CPU index), but on this
        CPU-only machine nothing shows them: with meta weights both ops accept a CPU index, and the index
        cannot be built under a meta default device because the module moves it off that device.

Device mutants (a dropped `device=` or `.to(x.device)`) survive tests that keep every tensor on the CPU.
Two kinds of test in the module's own test file now catch them: a meta input (a tensor made on the CPU
meets a meta tensor and the op raises), and, where an index feeds nn.Embedding (which accepts a CPU index
with meta weights), a CPU module run inside `with torch.device("meta")`: a factory call without `device=`
then builds a meta tensor, and the result is no longer the CPU value. Most equivalent mutants in these
modules are one of: float("-INF"); dim=+1 / transpose(+2, -1) on a tensor whose rank makes it the last
axis; upper-case einsum subscripts; bias=None or persistent=None (falsy like False); a fully masked
attention row filled with 1.0 instead of 0.0 before the softmax and zeroed right after.

The last five PyTorch modules (s26, 2026-12-03, ONE_THREAD_ENV, --max-children 1 under nice -n 19 on the
loaded machine). before = the module's test file as at 07d9d7b / d9f41b4 / 9ebd352 (unchanged between them;
first measured at d9f41b4 on an idle machine with --max-children 2, and re-run at 9ebd352 with the same counts);
after = this revision; columns as in the PyTorch table above.

    module                       mutants  before            after               equivalent  t/o   sec
    nn_modules                       249  216/249  86.7%    245/245  100% (h)           4    0   193
    beam_search                      168  152/168  90.5%    163/163  100% (i)           5    0   176
    kv_cache_decoding                272  246/272  90.4%    269/269  100% (n)           3    0   214
    encoder_decoder_transformer      438  395/438  90.2%    428/428  100% (r)          10    0   828
    cnn_classifier                   229  188/229  82.1%    227/227  100% (m)           2    0   222

    (h) nn_modules, s26-mutA: before = the test file as at 07d9d7b (216/249 at d9f41b4, idle, and again on
        9ebd352); after = this revision, ONE_THREAD_ENV, --max-children 1, nice -n 19 on the
        loaded machine. The 33 survivors were untested defaults and branches: BatchNorm2d's default momentum
        and num_batches_tracked starting at 0 (every test copied torch's state_dict first), affine=False of
        BatchNorm2d (10 register_parameter mutants) and of LayerNorm's bias, n = 2 values per channel, the
        error text (pytest's match= searches, so "XX...XX" passed; now anchored), Conv2d's default stride and
        padding, and everything of BatchNorm2dBiasedRunningVar but its running_var (11: the forward output,
        running_mean, num_batches_tracked and the eval path). New tests compare each with torch.nn; the n = 2
        running_var (1.5, 4.5, 0.5625) is also worked by hand. 4 equivalent (see EQUIVALENT).
    (i) beam_search, s26-mutA: before and after as in (h) (the re-run on 9ebd352 also gave 152/168). The 11
        non-equivalent survivors: max_len = 1 rejected (`<= 1`, `< 2`), the error text, the device of the prefixes (beam search and greedy) and of the beam
        scores, greedy's score left None, and the early stop on an exact tie (`<` for `<=`: the best live
        prefix equal to the worst of k finished ones cannot beat it, yet the mutant makes one more model call).
        New tests: max_len = 1 against the exhaustive search, both decoders inside `with torch.device("meta")`
        with device="cpu" (a prefix built without device= is a meta tensor there), greedy's score on the
        module docstring's table (0.55 * 0.4 = 0.22), and a tie made exact with powers of two (1/2 * 1/4 = 1/8)
        that must stop after two calls. Of the 5 equivalent, top 3k for 2k assumes that torch.topk orders tied
        scores the same whatever k is (not documented; no test here has such a tie at the cut).
    (m) cnn_classifier (s26-mutB, 2026-12-03, ONE_THREAD_ENV, --max-children 1 under nice -n 19): before =
        this branch at 9ebd352 (module and test file as at d9f41b4 and 07d9d7b), 188 killed, 41 survivors, 430 s;
        after = this revision. The 2 equivalent mutants: Conv2d(bias=None) and randint(3, size) for
        randint(0, 3, size) (same draws). The 39 others were killed by new tests: defaults of
        conv2d_output_size (against F.conv2d's own), count_parameters_by_hand (an exact int, c1 = 8, c2 = 16)
        and SmallCNN(); train_classifier run with lr = 0 on a linear model that logs the sample ids it is fed
        (each epoch's mean loss equals one cross-entropy over the whole set, batches of 32 / 32 / 6, every
        sample once per epoch, shuffled anew; the order depends only on `seed`, not on the global RNG) and
        Adam's first step moving every weight by the default lr 1e-2; make_bar_images read back cell by cell
        (noise-free: only 0 / 1, row / column / wrapped diagonal by label, every offset 2..S-3 occurs, S = 16
        and an odd S = 15, where a diagonal shift off by S shows), its noise added on the bar cells too and
        scaled by `noise` (std 0.3 by default), and its default seed. A wrong label-to-shape mapping, a bar
        written with = instead of += and a diagonal replaced by a full image all passed the old tests, which
        only checked one horizontal bar and that training reaches 95%.
    (n) kv_cache_decoding (s26-mutB, same conditions): before = `--ref 9ebd352` (module and test file as at
        d9f41b4), 246 killed, 26 survivors, 254 s; after = this revision, 269 killed and the 3 survivors listed
        as equivalent (k.transpose(+2, -1) on a 4-D tensor, float("-INF"), head Linear(bias=None)). The old
        tests only compared cached decoding with the full forward of the same code, so any change made to both
        passed: no GELU, `x - attn(...)` / `x - mlp(...)`, scores times sqrt(d_h), tok_emb - pos_emb, a head
        with bias. New: the model's logits (full and token by token, float64, atol 1e-12) against the same
        weights loaded into torch's nn.TransformerEncoderLayer (norm_first, GELU, causal src_mask) and
        F.layer_norm; device mutants (dropped device= in both masks and the position arange, causal_keep
        given None) by a meta model and a CPU one-layer model run under `with torch.device("meta")` (the
        one layer also kills `cache[1].length`); defaults of TinyCachedLM,
        decode_token_by_token (one token per call, seen by a forward hook) and kv_cache_bytes (2 bytes), and
        a batch > 1 in the byte formula (`/ batch` passed with batch 1).
    (r) encoder_decoder_transformer (s26-mutC): before = a run on main 9ebd352 (module and test file identical to
        d9f41b4), ONE_THREAD_ENV, --max-children 1 under nice -n 19 on the loaded machine: 395/438 killed, 43
        survivors, 1742 s (140 s at d9f41b4 on the idle machine, --max-children 2). after = this revision, same settings.
        New tests: the whole model against nn.Transformer(norm_first=True, 2 + 2 layers, final norms) with copied
        weights, embeddings * sqrt(d) and the paper's sinusoid table written out with math.sin / math.cos
        (it killed an empty encoder and the position table subtracted); sinusoidal_table against the same
        formula (8 mutants of the frequencies and of sin / cos); an attention row whose keys are all masked (output = o_proj.bias, finite gradients,
        other rows = nn.MultiheadAttention); an all-PAD source in a batch; seq2seq_loss against a hand sum of
        -log softmax over the non-PAD targets (ignore_index); greedy_decode against a step-by-step argmax
        through model(src, prefix); make_copy_batch's length / token ranges and its use of the given generator
        only; the defaults, the N(0, 1/d) embedding init with a zero PAD row, no gradient into the PAD row
        (padding_idx), a non-persistent position buffer (a max_len 10 state_dict loads into a max_len 20
        model), the embedding output cast to the layers' dtype; device: a meta model and input, and a CPU
        model inside `with torch.device("meta")` (causal_keep's device, greedy_decode's BOS prefix). The test
        file runs about 2 s longer (the copy-task training test is unchanged). The 10 equivalent mutants are in
        EQUIVALENT: int64 instead of float32 aranges in sinusoidal_table (the same float32 values),
        float("-INF"), transpose(+2, -1) on a 4-D tensor, a dead row filled with 1.0 before the softmax,
        persistent=None, and torch.full without dtype (an int fill value already gives int64).
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
    "rope": {
        **{f"rope.xǁRotaryEmbeddingǁ__init____mutmut_{i}": "register_buffer(persistent=None): None is falsy, still "
                                                          "non-persistent" for i in (20, 29)},
        "rope.xǁRotaryEmbeddingǁ__init____mutmut_16": "torch.cat(dim=+1) on the 2-D angle table is dim=-1",
        "rope.x_apply_rope__mutmut_24": "torch.cat(dim=+1) on the 2-D angle table is dim=-1",
        "rope.x_apply_rope_mixed_wrong__mutmut_18": "repeat_interleave(dim=+1) on the 2-D angle table is dim=-1",
        "rope.x_rope_angles__mutmut_25": "integer positions times a float inv_freq are promoted to that float dtype, "
                                         "the same values as positions.to(dtype)",
    },
    "transformer_block": {
        "transformer_block.xǁTinyDecoderLMǁ__init____mutmut_31": "nn.Linear(bias=None): None is falsy, no bias as "
                                                                 "with False",
        "transformer_block.xǁTinyDecoderLMǁ_init_weights__mutmut_5": "nn.init.normal_ without mean=0.0: the default "
                                                                     "mean is 0.0",
    },
    "moe": {
        "moe.x_capacity_mask__mutmut_6": "one_hot without num_classes drops only trailing experts that no slot "
                                         "chose; ranks are counted per column, so they do not change",
        **{f"moe.x_{f}__mutmut_{i}": "dim=+1 (or topk's default dim) on a 2-D (S, E) / (k*S, E) tensor is the last "
                                     "axis" for f, i in (("capacity_mask", 22), ("router_z_loss", 5))},
        **{f"moe.xǁTopKMoEǁforward__mutmut_{i}": "dim=+1 (or topk's default dim) on the 2-D (S, E) / (S, k) "
                                                 "tensors is the last axis" for i in (20, 26, 27, 37)},
        "moe.xǁTopKMoEǁ__init____mutmut_8": "nn.Linear(bias=None): None is falsy, no bias as with False",
    },
    "mmoe": {
        "mmoe.xǁMMoEǁforward__mutmut_15": "softmax(dim=+1) of the 2-D (B, E) gate logits is dim=-1",
        "mmoe.xǁMMoEǁforward__mutmut_25": "upper-case einsum subscripts name the same axes",
        "mmoe.xǁMMoEModelǁforward__mutmut_9": "cat(dim=+1) of the (B, 1) tower outputs is dim=-1",
    },
    "fm_two_tower": {
        **{f"fm_two_tower.xǁTwoTowerǁforward__mutmut_{i}": "F.normalize without dim (default 1) or with dim=+1: "
                                                           "the towers' outputs are 2-D (B, d), so both are the "
                                                           "last axis" for i in (4, 6, 11, 13)},
        "fm_two_tower.x_fm_pairwise_brute_force__mutmut_17": "sum(dim=+1) over the 2-D (B, k) product is dim=-1",
        "fm_two_tower.xǁDeepFMǁforward__mutmut_18": "squeeze(+1) of the (B, 1) DNN output is squeeze(-1)",
        "fm_two_tower.x_in_batch_softmax_loss__mutmut_26": 'float("-INF") is the same -inf',
    },
    "nn_modules": {
        **{f"nn_modules.xǁBatchNorm2dǁ__init____mutmut_{i}": "torch.tensor(0) without dtype (or dtype=None) is "
                                                             "already int64 (torch.long)" for i in (42, 44)},
        "nn_modules.xǁBatchNorm2dǁforward__mutmut_2": "n = numel / C is an integer-valued float: n <= 1 and "
                                                      "var * n / (n - 1) give the same values as with //",
        "nn_modules.xǁConv2dǁforward__mutmut_30": "upper-case einsum subscripts name the same axes",
    },
    "beam_search": {
        **{f"beam_search.x_{f}__mutmut_{i}": ".to(None) keeps the step's dtype: a float32/16 log-prob is widened "
                                             "exactly when added to the float64 beam scores (or by .item())"
           for f, i in (("beam_search", 32), ("greedy_decode", 5))},
        "beam_search.x_beam_search__mutmut_43": "logp.size(+1) of the 2-D (num_beams, V) log-probs is size(-1)",
        "beam_search.x_beam_search__mutmut_56": "top 3k instead of 2k: at most k EOS candidates (one per beam), so "
                                                "k live ones are found within the top 2k; EOS counts only at rank < k",
        "beam_search.x_beam_search__mutmut_71": 'float("-INF") is the same -inf',
    },
    "cnn_classifier": {
        "cnn_classifier.xǁSmallCNNǁ__init____mutmut_30": "nn.Conv2d(bias=None): None is falsy, no bias as with False",
        "cnn_classifier.x_make_bar_images__mutmut_24": "torch.randint(3, size) is randint(0, 3, size): same range, "
                                                       "same draws from the generator",
    },
    "kv_cache_decoding": {
        "kv_cache_decoding.xǁCachedSelfAttentionǁforward__mutmut_41": "k.transpose(+2, -1) on the 4-D key tensor is "
                                                                      "transpose(-2, -1)",
        "kv_cache_decoding.xǁCachedSelfAttentionǁforward__mutmut_61": 'float("-INF") is the same -inf',
        "kv_cache_decoding.xǁTinyCachedLMǁ__init____mutmut_27": "nn.Linear(bias=None): None is falsy, no bias as "
                                                                "with False",
    },
    "encoder_decoder_transformer": {
        "encoder_decoder_transformer.xǁMultiHeadAttentionǁforward__mutmut_59": "k.transpose(+2, -1) on the 4-D key "
                                                                               "tensor is transpose(-2, -1)",
        "encoder_decoder_transformer.xǁMultiHeadAttentionǁforward__mutmut_73": 'float("-INF") is the same -inf',
        "encoder_decoder_transformer.xǁMultiHeadAttentionǁforward__mutmut_96": "a fully masked row filled with 1.0 "
                                                                               "instead of 0.0 before softmax: the "
                                                                               "row is zeroed right after (values "
                                                                               "and gradients)",
        **{f"encoder_decoder_transformer.x_sinusoidal_table__mutmut_{i}": "positions as int64 instead of float32: "
                                                                          "pos * freq promotes to float32 with the "
                                                                          "same (exact integer) values"
           for i in (3, 5)},
        **{f"encoder_decoder_transformer.x_sinusoidal_table__mutmut_{i}": "arange(0, d, 2) as int64: the product "
                                                                          "with the Python float is computed in "
                                                                          "float32 (default dtype), bit-identical "
                                                                          "freq (checked for d = 2 .. 1024)"
           for i in (16, 20)},
        "encoder_decoder_transformer.xǁSeq2SeqTransformerǁ__init____mutmut_23": "register_buffer(persistent=None): "
                                                                                "None is falsy, still non-persistent",
        **{f"encoder_decoder_transformer.x_make_copy_batch__mutmut_{i}": "torch.full with the int fill value PAD "
                                                                         "already gives int64 (torch.long)"
           for i in (34, 37)},
    },
    "multi_head_attention": {
        **{f"multi_head_attention.xǁMultiHeadAttentionǁcombine_masks__mutmut_{i}": 'float("-INF") is the same -inf'
           for i in (37, 49)},
    },
    "self_attention": {
        "self_attention.xǁSelfAttentionǁforward__mutmut_43": 'float("-INF") is the same -inf',
        "self_attention.xǁSelfAttentionǁforward__mutmut_62": "a fully masked row filled with 1.0 instead of 0.0 "
                                                             "before softmax: the row is zeroed right after (values "
                                                             "and gradients)",
    },
    "scaled_dot_product_attention": {
        **{f"scaled_dot_product_attention.x_{f}__mutmut_{i}": 'float("-INF") is the same -inf'
           for f, i in (("naive_masked_softmax", 12), ("mask_that_does_nothing", 8),
                        ("scaled_dot_product_attention", 45), ("scaled_dot_product_attention", 56))},
        "scaled_dot_product_attention.x_scaled_dot_product_attention__mutmut_73": "a fully masked row filled with "
                                                                                  "1.0 instead of 0.0 before softmax: "
                                                                                  "the row is zeroed right after "
                                                                                  "(values and gradients)",
        "scaled_dot_product_attention.x_mask_that_does_nothing__mutmut_5": "the demo discards the masked_fill result, "
                                                                           "so filling mask instead of ~mask changes "
                                                                           "nothing",
    },
    "relative_attention": {
        "relative_attention.xǁRelativeMultiHeadAttentionǁforward__mutmut_36": "k.transpose(+2, -1) on the 4-D key "
                                                                              "tensor is transpose(-2, -1)",
        **{f"relative_attention.xǁRelativeMultiHeadAttentionǁforward__mutmut_{i}": "upper-case einsum subscripts "
                                                                                   "name the same axes"
           for i in (48, 110)},
        "relative_attention.xǁRelativeMultiHeadAttentionǁforward__mutmut_74": 'float("-INF") is the same -inf',
        "relative_attention.xǁRelativeMultiHeadAttentionǁforward__mutmut_97": "a fully masked row filled with 1.0 "
                                                                              "instead of 0.0 before softmax: the "
                                                                              "row is zeroed right after (values "
                                                                              "and gradients)",
        "relative_attention.x_relative_terms_bucketed__mutmut_3": "q.size(+2) of the documented 4-D q (B, h, L, d_h) "
                                                                  "is q.size(-2)",
    },
    "positional_encoding": {
        "positional_encoding.xǁSinusoidalPositionalEncodingǁ__init____mutmut_4": "register_buffer(persistent=None): "
                                                                               "None is falsy, still non-persistent",
        **{f"positional_encoding.x_sinusoidal_position_encoding__mutmut_{i}": "pos as int64 instead of float64: the "
                                                                              "integers are exact and pos * inv_freq "
                                                                              "is float64 either way" for i in (9, 12)},
        "positional_encoding.x_t5_relative_position_bucket__mutmut_23": "distance <= max_exact: at distance == "
                                                                        "max_exact the log branch gives max_exact + 0, "
                                                                        "the same bucket",
    },
    "hot100_hash": {
        "hot100_hash.x_lc49_group_anagrams__mutmut_5": "'XXXX'.join(sorted(word)) is still a one-to-one key "
                                                       "(single letters joined); only the groups are returned",
    },
    "hot100_greedy": {
        "hot100_greedy.x_lc121_max_profit__mutmut_4": 'float("INF") parses to the same infinity',
    },
    "hot100_substring": {
        "hot100_substring.x_lc239_max_sliding_window__mutmut_7": "keeping equal values in the deque (< instead of <=) "
                                                                 "leaves the front maximum the same",
        "hot100_substring.x_lc76_min_window__mutmut_5": "initial best_left is overwritten by the first window; unused "
                                                        "when there is none",
        "hot100_substring.x_lc76_min_window__mutmut_7": "initial best_len len(s) + 2: any window is shorter, and both "
                                                        "exceed len(s) when there is none",
        "hot100_substring.x_lc76_min_window__mutmut_35": "missing = 1 instead of += 1: inside `while missing == 0` "
                                                         "both give 1",
    },
    "hot100_two_pointers": {
        "hot100_two_pointers.x_lc11_max_area__mutmut_7": "left <= right adds one pass with width 0",
        "hot100_two_pointers.x_lc11_max_area__mutmut_19": "on equal heights either side may move (both are bounded by "
                                                          "that height)",
        "hot100_two_pointers.x_lc15_three_sum__mutmut_9": "break at nums[i] > 1 instead of > 0: with nums[i] = 1 no "
                                                          "triple can sum to 0, only more work",
        **{f"hot100_two_pointers.x_lc15_three_sum__mutmut_{i}": "left moved back after a hit (to 1, by 1, or while "
                                                                "de-duplicating): right has passed every value >= the "
                                                                "hit's, so sums with an earlier left are < 0 and left "
                                                                "walks forward again" for i in (38, 39, 50)},
        "hot100_two_pointers.x_lc15_three_sum__mutmut_48": "weaker left de-duplication: a repeated left value meets a "
                                                           "smaller right value (de-dup 3), so the sum is < 0",
        **{f"hot100_two_pointers.x_lc15_three_sum__mutmut_{i}": "left <= right in a de-dup loop: at left == right the "
                                                                "main loop ends anyway" for i in (45, 53)},
        "hot100_two_pointers.x_lc42_trap__mutmut_9": "left <= right adds the meeting cell, a highest bar, which holds "
                                                     "0 water",
        "hot100_two_pointers.x_lc42_trap__mutmut_20": "on left_max == right_max either side can be settled with that "
                                                      "bound",
    },
    "hot100_multi_dp": {
        "hot100_multi_dp.x_lc64_min_path_sum__mutmut_5": 'float("INF") parses to the same infinity',
        **{f"hot100_multi_dp.x_lc5_longest_palindrome__mutmut_{i}": "initial (best_lo, best_hi) of length -1 or 1: "
                                                                    "center 0 gives s[0:1] either way, '' for s = ''"
           for i in (2, 3)},
        **{f"hot100_multi_dp.x_lc5_longest_palindrome__mutmut_{i}": "extra centers past 2n - 2 have lo >= n - 1, "
                                                                    "hi >= n: length <= 0, never a new best"
           for i in (5, 7)},
        "hot100_multi_dp.x_lc1143_longest_common_subsequence__mutmut_5": "a longer first row: only indices <= len(b) "
                                                                         "are read, and prev[-1] is 0 either way",
        "hot100_multi_dp.x_lc72_min_distance__mutmut_16": "cur[1:] starting at 1: every cell is written before it is "
                                                          "read",
    },
    "hot100_tricks": {
        **{f"hot100_tricks.x_lc169_majority_element__mutmut_{i}": "every vote update negated: count is mirrored "
                                                                  "around 0 and only count == 0 is tested"
           for i in (8, 12)},
        "hot100_tricks.x_lc31_next_permutation__mutmut_28": "lo <= hi also swaps the middle element with itself",
    },
    "hot100_structures": {
        **{f"hot100_structures.xǁListNodeǁfrom_list__mutmut_{i}": "the dummy head's value is never returned"
           for i in (2, 3)},
        "hot100_structures.xǁTreeNodeǁfrom_list__mutmut_13": "i <= len(values): one more pass that attaches nothing "
                                                             "(the inner test is i < len(values))",
    },
    "hot100_heap": {
        "hot100_heap.x_lc215_find_kth_largest_heap__mutmut_7": "x >= heap[0] swaps an equal value in: the k kept "
                                                               "values are the same",
        **{f"hot100_heap.x_lc215_find_kth_largest_quickselect__mutmut_{i}": "another seed only picks other pivots; "
                                                                            "the k-th largest is the same"
           for i in (1, 5)},
        "hot100_heap.x_lc347_top_k_frequent__mutmut_6": "one more bucket than the highest possible count stays empty",
    },
    "hot100_graph": {
        "hot100_graph.x_lc200_num_islands__mutmut_4": "cols = 1 for an empty grid: rows = 0, so no cell is visited",
        **{f"hot100_graph.x_lc200_num_islands__mutmut_{i}": "not marking the start cell only lets a neighbour queue "
                                                            "it once more; the outer scan is already past it"
           for i in (20, 21)},
        **{f"hot100_graph.x_lc994_oranges_rotting__mutmut_{i}": "any mark other than 1 stops a cell from rotting "
                                                                "twice; the copied grid is not returned"
           for i in (39, 40)},
        **{f"hot100_graph.xǁLc208Trieǁinsert__mutmut_{i}": "the end mark's value is never read: search tests "
                                                           "`END in node`" for i in (7, 8)},
    },
    "hot100_linked_list": {
        **{f"hot100_linked_list.x_{name}__mutmut_{i}": "the dummy head's value (0 -> None or 1) is never read or "
                                                       "returned, only its next"
           for name, i in (("lc21_merge_two_lists", 2), ("lc21_merge_two_lists", 3), ("lc2_add_two_numbers", 2),
                           ("lc2_add_two_numbers", 3), ("lc19_remove_nth_from_end", 2),
                           ("lc19_remove_nth_from_end", 6), ("lc24_swap_pairs", 2), ("lc24_swap_pairs", 6),
                           ("lc25_reverse_k_group", 2), ("lc25_reverse_k_group", 6), ("lc23_merge_k_lists", 6),
                           ("lc23_merge_k_lists", 7))},
    },
    "hot100_binary_tree": {
        **{f"hot100_binary_tree.x_lc98_is_valid_bst__mutmut_{i}": 'float("-INF") / float("INF") parse to the same '
                                                                  "infinities" for i in (28, 31)},
    },
    "hot100_backtracking": {
        "hot100_backtracking.x_lc46_permute__mutmut_13": "used[i] = None on undo: None is falsy like False in "
                                                         "`if used[i]`",
        "hot100_backtracking.x_lc39_combination_sum__mutmut_14": "return instead of break: nothing follows the loop",
        "hot100_backtracking.x_lc79_exist__mutmut_9": 'marker "XX#XX" instead of "#": neither equals a one-letter '
                                                      "cell of the word, and the cell is restored",
        **{f"hot100_backtracking.x_lc131_partition__mutmut_{i}": "is_pal rows i >= n - 1 have an empty inner loop "
                                                                 "(j from i + 1 to n - 1), so starting at n + 1 or "
                                                                 "n - 2 fills the same table" for i in (12, 13)},
    },
    "hot100_dp": {
        "hot100_dp.x_lc118_generate__mutmut_4": "two extra rows are cut off by rows[:num_rows]",
        "hot100_dp.x_lc279_num_squares__mutmut_7": "i from 0: range(1, isqrt(0) + 1) is empty",
        "hot100_dp.x_lc279_num_squares__mutmut_9": "i from 2 leaves dp[1] = n: dp[n] is still n (right) for n <= 3, "
                                                   "and for i >= 4 an optimal sum can drop its 1s first, so no "
                                                   "minimum passes through dp[1..3]",
        "hot100_dp.x_lc279_num_squares__mutmut_14": "j = 0 offers dp[i] + 1, never a new minimum",
        "hot100_dp.x_lc322_coin_change__mutmut_3": "inf = amount + 2: still above every feasible count (<= amount)",
        "hot100_dp.x_lc322_coin_change__mutmut_10": "a from 0: no coin is <= 0 (coins are positive)",
        "hot100_dp.x_lc139_word_break__mutmut_5": "dp[1:] starting True: every dp[i] is written before it is read "
                                                  "(words are non-empty, so only dp[< i] is read)",
        "hot100_dp.x_lc416_can_partition__mutmut_21": "the extra s = x - 1 reads reachable[-1] = reachable[half]: "
                                                      "it sets a cell only once the answer is already True",
    },
    "acm_problems": {
        "acm_problems.x_range_sum__mutmut_9": "prefix starting at 1 shifts every prefix sum by 1; differences are "
                                              "the same",
        **{f"acm_problems.x_{name}__mutmut_{i}": "one more slot than the largest index used stays unread"
           for name, i in (("range_sum", 11), ("subtree", 14), ("subtree", 30), ("task_order", 20),
                           ("task_order", 25))},
        "acm_problems.x_window_sum__mutmut_21": "the extra token taken into nums sits at index n, past every index "
                                                "read",
        "acm_problems.x_maze__mutmut_10": "one more line in grid: rows are read only for r < n",
        **{f"acm_problems.x_subtree__mutmut_{i}": "boss[0] and boss[1] are never read (1 is the root)" for i in (7, 8)},
        "acm_problems.x_subtree__mutmut_17": "i = 0, 1 only add children to node 0, which the walk from 1 never "
                                             "visits",
    },
    "hot100_binary_search": {
        "hot100_binary_search.x_lc4_median_partition__mutmut_15": 'float("INF") parses to the same infinity',
        "hot100_binary_search.x_lc4_median_partition__mutmut_61": "(m - n) % 2 has the parity of (m + n) % 2",
        "hot100_binary_search.x_lc4_median_partition__mutmut_1": "swapping two arrays of equal length changes "
                                                                 "nothing",
        "hot100_binary_search.x_lc153_find_min__mutmut_10": "nums[mid] == nums[hi] needs mid == hi (distinct "
                                                            "values), and mid < hi inside the loop",
        **{f"hot100_binary_search.x_lc33_search_rotated__mutmut_{i}": "target == nums[mid] has already returned"
           for i in (13, 20)},
        "hot100_binary_search.x_lc4_median_kth__mutmut_33": "on a tie both k // 2 prefixes lie below the k-th "
                                                            "smallest, so dropping either is right",
        # s26-mutC: the 4 LC 4 partition survivors. A valid cut i (a[i-1] <= b[j], b[j-1] <= a[i]) puts the
        # (m+n+1)//2 smallest values on the left, so every valid cut gives the same median; the loop has no
        # `lo <= hi` test, so a search that overshoots by one still lands on the cut (brute force: 213,443 pairs
        # of sorted lists, values 0..4, lengths 0..6, plus values 0..2 up to length 9 and 0..11 up to length 3)
        "hot100_binary_search.x_lc4_median_partition__mutmut_11": "lo starting at 1: if only i = 0 is a valid cut, "
                                                                  "every i >= 1 takes too many, hi falls to 0 and "
                                                                  "(1 + 0) // 2 = 0 is tried next",
        "hot100_binary_search.x_lc4_median_partition__mutmut_47": "a_left >= b_right sends a valid cut with "
                                                                  "a[i-1] == b[j] left; i - 1 is then valid too (the "
                                                                  "equal values swap halves), and a_left - b_right "
                                                                  "grows with i, so the test stays monotone",
        "hot100_binary_search.x_lc4_median_partition__mutmut_51": "b_left >= a_right sends a valid cut with "
                                                                  "b[j-1] == a[i] right; i + 1 is then valid too, and "
                                                                  "b_left - a_right falls as i grows (monotone)",
        "hot100_binary_search.x_lc4_median_partition__mutmut_54": "lo = i + 2 passes the largest valid cut q by at "
                                                                  "most one (lo <= q + 1 <= hi + 1); every i >= lo "
                                                                  "then takes too many, hi falls to q and "
                                                                  "(q + 1 + q) // 2 = q is tried",
    },
    "hot100_lru": {
        "hot100_lru.xǁLc146LRUCacheOrderedǁput__mutmut_4": "popitem(last=None): None is falsy like False",
        # LeetCode 146 guarantees capacity >= 1, so an eviction always finds a real node before the sentinel
        **{f"hot100_lru.xǁ_Nodeǁ__init____mutmut_{i}": "default key/value are used only by the sentinel, whose "
                                                       "key and value are never read (capacity >= 1)" for i in (1, 2)},
        "hot100_lru.xǁ_Nodeǁ__init____mutmut_4": "prev = None: the sentinel's prev is set by the first _push_front, "
                                                 "before any read (capacity >= 1)",
    },
    "hot100_array": {
        "hot100_array.x_lc189_rotate__mutmut_4": "lo <= hi also swaps the middle element with itself",
        "hot100_array.x_lc238_product_except_self__mutmut_4": "the initial [2] * n is overwritten by the first pass",
        "hot100_array.x_lc41_first_missing_positive__mutmut_6": "not moving value n: once 1..n-1 sit at 0..n-2, n can "
                                                                "only be left at n-1; otherwise a smaller gap answers",
    },
    "hot100_matrix": {
        "hot100_matrix.x_lc73_set_zeroes__mutmut_15": "marking from row 0 too only writes zeros where the first row "
                                                      "already has one (so it is zeroed) and matrix[0][0], never read",
        "hot100_matrix.x_lc73_set_zeroes__mutmut_20": "marking from column 0 too only writes matrix[0][0] when the first "
                                                      "column already has a zero (so it is zeroed)",
        "hot100_matrix.x_lc48_rotate_image__mutmut_6": "range(i + 1) swaps the lower triangle: the same pairs, so the "
                                                       "same transpose",
        "hot100_matrix.x_lc240_search_matrix__mutmut_17": "v >= target: v == target has already returned",
    },
    "hot100_sliding_window": {
        "hot100_sliding_window.x_lc438_find_anagrams__mutmut_34": "right >= m - 2: at right = m - 2 the window holds "
                                                                  "m - 1 letters, so it cannot equal need",
    },
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
    # --- s25-mutN block (conv2d .. leetcode_3) ---
    "conv2d": {
        "conv2d.x_conv2d_im2col__mutmut_36": "reshape(c_out, -2): NumPy 2.x reads any negative size as the one "
                                             "to infer, like -1",
    },
    "image_processing": {
        **{f"image_processing.x_{name}__mutmut_{i}": "astype(None) converts to float64, the same as astype(np.float64)"
           for name, i in (("correlate2d", 26), ("median_filter", 12), ("box_filter_integral", 12),
                           ("bilinear_resize", 2), ("bilinear_resize_align_corners", 2))},
        "image_processing.x_correlate2d__mutmut_39": "einsum subscripts in upper case name the same axes",
        **{f"image_processing.x_gaussian_kernel1d__mutmut_{i}": "arange without dtype gives int64 offsets; x / sigma "
                                                                "is the same float64 array" for i in (10, 13)},
        "image_processing.x_median_filter__mutmut_23": "axis +2 of the 4-d window view is axis -2",
        "image_processing.x_equalize_hist__mutmut_6": "bincount without minlength only shortens the table past the "
                                                      "brightest level present; lut[img] never reads there",
        "image_processing.x_equalize_hist__mutmut_25": "lower clip: lut < 0 only for levels darker than the darkest "
                                                       "pixel, which lut[img] never reads",
        **{f"image_processing.x_equalize_hist__mutmut_{i}": "upper clip: cdf <= total, so lut <= levels - 1 already"
           for i in (26, 31)},
        "image_processing.x__source_coords__mutmut_22": "src <= in - 0.5 * in / out - 0.5 < in - 0.5, so floor(src) "
                                                        "<= in - 1 and the clamp never acts",
        "image_processing.x_bilinear_resize__mutmut_18": "wx of shape (out_w,) or (out_w, 1) broadcasts like "
                                                         "(1, out_w[, 1]): NumPy adds the leading 1",
        **{f"image_processing.x_bilinear_resize__mutmut_{i}": "reshape with -2: NumPy 2.x reads any negative size "
                                                              "as the one to infer" for i in (23, 35)},
        **{f"image_processing.x_box_filter_integral__mutmut_{i}": "one more zero row / column at the far end of the "
                                                                  "integral image: the slices stop before it"
           for i in (25, 27)},
        "image_processing.x_bilinear_resize_align_corners__mutmut_13": "scale 1.0 instead of 0.0 when out_size == 1: "
                                                                       "arange(1) * scale is [0] either way",
        "image_processing.x_bilinear_resize_align_corners__mutmut_24": "src <= in - 1 (up to rounding), so floor(src) "
                                                                       "<= in - 1 and the clamp never acts",
        "image_processing.x_bilinear_resize_align_corners__mutmut_25": "clamp at in - 2: the last sample takes the "
                                                                       "right neighbour with weight 1 (a*0 + b*1 = b); "
                                                                       "only rounding differs when src lands a hair "
                                                                       "past in - 1",
    },
    "ctc": {
        "ctc.x_collapse__mutmut_3": 'prev = "" instead of None: no class id (an int) equals either, so the first '
                                    "frame is compared the same way",
        **{f"ctc.x_{name}__mutmut_{i}": "skip allowed from s > 2 / s >= 3: s = 2 is a blank in l', which may not "
                                        "skip anyway" for name, i in (("ctc_loss", 14), ("ctc_loss", 15),
                                                                      ("count_alignments", 42),
                                                                      ("count_alignments", 43))},
        **{f"ctc.x_{name}__mutmut_{i}": "L = 2S + 1 is odd, so L > 1 and L > 2 agree" for name, i in (("ctc_loss", 31), ("ctc_loss", 77),
                                                                           ("count_alignments", 19),
                                                                           ("count_alignments", 58))},
        **{f"ctc.x_ctc_loss__mutmut_{i}": "+inf in the first two slots of the s - 2 shift: can_skip is False at "
                                          "s = 0 and 1, so np.where never takes them" for i in (52, 53)},
        **{f"ctc.x_count_alignments__mutmut_{i}": "the blank value written into l' does not matter for counting: "
                                                  "blank slots are always excluded by ext[s] != ext[s - 2]"
           for i in (4, 6)},
        **{f"ctc.x_count_alignments__mutmut_{i}": "empty target (L = 1) starting from [1, 1]: the comprehension "
                                                  "keeps only alpha[0] = 1 and alpha[-1] = 1 is returned, as from [1]"
           for i in (10, 18)},
    },
    "softmax_cross_entropy": {
        **{f"softmax_cross_entropy.x_{name}__mutmut_{i}": "softmax / log_softmax over the default axis -1: the "
                                                          "logits here are (N, C), so -1 is axis 1"
           for name, i in (("cross_entropy", 9), ("cross_entropy_grad", 7), ("naive_cross_entropy", 5))},
    },
    "losses": {
        **{f"losses.x_cross_entropy__mutmut_{i}": "dim +1 instead of -1: logits are (N, C) (gather(1, ...) needs 2-d), "
                                                  "so both are the class axis" for i in (10, 35)},
        **{f"losses.x_info_nce_loss__mutmut_{i}": "F.normalize's default dim is 1, the last axis of the (B, d) "
                                                  "embeddings (the `@ .T` needs 2-d)" for i in (6, 7, 13, 14)},
        "losses.x_info_nce_loss__mutmut_24": "logits.size(1): the similarity matrix is B x B",
        "losses.x_sequence_logprob__mutmut_28": "sum over dim +1 of the (B, T - 1) token log-probs is dim -1",
    },
    "dropout": {
        **{f"dropout.x_{name}__mutmut_{i}": "bool_mask.to(None) stays bool; x * bool promotes to x's dtype, the "
                                            "same product as with the cast"
           for name, i in (("dropout", 29), ("dropout_without_rescale", 17), ("dropout_with_mask", 14))},
    },
    "logistic_regression": {
        "logistic_regression.x_sigmoid__mutmut_7": "z = 0 through the other branch: exp(0) / (1 + exp(0)) = 0.5 too",
        "logistic_regression.x_sigmoid__mutmut_8": "0 <= z < 1 through exp(z) / (1 + exp(z)): the same function, and "
                                                   "neither form can overflow there (last-bit rounding at most)",
        "logistic_regression.x_fit_logistic_regression__mutmut_3": "default max_iter 10001 instead of 10000: differs "
                                                                   "only on data that needs more than 10000 steps (a "
                                                                   "test of the constant, as for kmeans)",
        "logistic_regression.x_fit_logistic_regression__mutmut_7": "y.astype(None) is float64, as astype(float)",
        "logistic_regression.x_fit_logistic_regression__mutmut_27": "<= tol differs only when the gradient norm "
                                                                    "equals tol exactly",
        "logistic_regression.x_lam_from_sklearn_c__mutmut_1": "C = inf through the formula: 1 / (inf * n) = 0.0, the "
                                                              "same lam",
    },
    "batch_norm": {
        "batch_norm.xǁBatchNormǁ_per_channel__mutmut_5": "reshape with -2: NumPy 2.x reads any negative size as the "
                                                          "one to infer",
        "batch_norm.xǁBatchNormǁforward__mutmut_4": "m as a float (/ instead of //): x.size is a multiple of C, so m "
                                                    "has the same value and m / (m - 1) is a float division anyway",
    },
    "flash_attention_numpy": {
        **{f"flash_attention_numpy.x_flash_attention_forward__mutmut_{i}": "default tile 65 instead of 64: the tile size only changes the order of the sums (the "
                     "any-tile-size test: same result to 1e-12)" for i in (2, 3)},
        **{f"flash_attention_numpy.x_flash_attention_forward__mutmut_{i}": "initial lse (nan or +inf): every row is written by its query block before it is returned"
           for i in (37, 42)},
        "flash_attention_numpy.x_flash_attention_forward__mutmut_48": "query blocks starting at every row (step 1) overlap: each block computes its rows in full, so "
                "the rows written last are the same values (more work only)",
        **{f"flash_attention_numpy.x_flash_attention_forward__mutmut_{i}": "m / l / acc in float64 for float32 input: the output keeps the input dtype (out is allocated "
                     "with it); only float32 rounding changes" for i in (61, 64, 69, 71, 75, 77)},
        "flash_attention_numpy.x_flash_attention_forward__mutmut_80": "causal without skipping future key blocks: their scores are all -inf, so m, l and acc stay the "
                "same (alpha = 1, p = 0); more work only",
        "flash_attention_numpy.x_flash_attention_forward__mutmut_154": "m_safe 1.0 instead of 0.0 for rows masked so far: p = exp(-inf) = 0 and alpha = exp(-inf) = 0 "
                 "either way",
        "flash_attention_numpy.x_flash_attention_forward__mutmut_181": "l_safe 2.0 instead of 1.0 for fully masked rows: np.where then writes 0 and -inf for those rows",
    },
    "sampling": {
        **{f"sampling.x_{name}__mutmut_{i}": "dim=-1 is the default of torch.topk / torch.sort"
           for name, i in (("top_k_filter", 18), ("top_p_filter", 14))},
        **{f"sampling.x_{name}__mutmut_{i}": 'float("-INF") parses to the same -inf'
           for name, i in (("top_k_filter", 28), ("top_p_filter", 43))},
        **{f"sampling.x_apply_repetition_penalty__mutmut_{i}": "gather / scatter on dim +1 of the (B, V) logits is "
                                                               "dim -1" for i in (9, 28)},
        "sampling.x_apply_repetition_penalty__mutmut_18": "seen >= 0: a zero logit gives 0 / penalty = 0 * penalty "
                                                          "(and -0.0 stays -0.0 both ways)",
    },
    "leetcode_3": {
        "leetcode_3.x_length_of_longest_substring__mutmut_12": "default -2 for an unseen character: left >= 0, so "
                                                               "-1 >= left and -2 >= left are both False",
        "leetcode_3.x_brute_force__mutmut_6": "j from 0: for j < i the slice is empty and the check holds only at "
                                              "j = i - 1 with length 0, never a new best",
    },
    # --- end s25-mutN block ---
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
pytest_add_cli_args_test_selection = {tests}
'''


# Hot 100 / ACM modules whose tests are not (only) tests/code/test_<module>.py
TEST_FILES: dict[str, list[str]] = {
    "hot100_lru": ["test_hot100_linked_list.py"],
    "hot100_structures": ["test_hot100_structures.py", "test_hot100_linked_list.py", "test_hot100_binary_tree.py", "test_hot100_graph.py",
                          "test_hot100_heap.py", "test_hot100_stack.py"],
    "acm_mode": ["test_acm_mode.py"],
    "acm_problems": ["test_acm_mode.py"],
}


def library_modules() -> list[str]:
    return sorted(p.stem for p in SRC.glob("*.py") if not p.stem.startswith(("hot100", "acm")))


def hot100_modules() -> list[str]:
    """The Hot 100 and ACM-mode modules (pure Python, fast tests)."""
    return sorted(p.stem for p in SRC.glob("*.py") if p.stem.startswith(("hot100", "acm")))


def test_files(module: str) -> list[str]:
    return TEST_FILES.get(module, [f"test_{module}.py"])


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
        """Killed mutants only (a timeout can be a thread pool eating the CPU limit, see the docstring)."""
        denominator = self.total - self.equivalent
        return self.killed / denominator if denominator else 1.0

    @property
    def score_with_timeouts(self) -> float:
        """Timeouts counted as detected: right when each is an endless loop the mutant made."""
        denominator = self.total - self.equivalent
        return (self.killed + self.timeout) / denominator if denominator else 1.0


def scratch_project(module: str, where: Path, ref: str | None) -> None:
    (where / "src").mkdir(parents=True)
    for name in library_modules() + hot100_modules():
        try:
            (where / "src" / f"{name}.py").write_text(read(SRC / f"{name}.py", ref), encoding="utf-8")
        except subprocess.CalledProcessError:  # module added after `ref`
            pass
    (where / "tests" / "code").mkdir(parents=True)
    (where / "tests" / "__init__.py").write_text("")
    (where / "tests" / "code" / "__init__.py").write_text("")
    copied = []
    for name in ("threads.py", *test_files(module)):
        try:
            (where / "tests" / "code" / name).write_text(read(TESTS / name, ref), encoding="utf-8")
            copied.append(name)
        except (subprocess.CalledProcessError, FileNotFoundError):  # test file added after `ref`
            pass
    (where / "tests" / "conftest.py").write_text(CONFTEST)
    tests = "[" + ", ".join(f'"tests/code/{name}"' for name in copied[1:]) + "]"
    (where / "pyproject.toml").write_text(PYPROJECT.format(module=module, tests=tests))
    # test_acm_mode.py also runs docs/code/src/acm_problems.py as a script: give it an unmutated copy
    # (mutmut copies tests/ and pyproject.toml into mutants/ and runs pytest there)
    if module.startswith("acm"):
        shutil.copytree(where / "src", where / "mutants" / "docs" / "code" / "src")


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
    parser.add_argument("--all", action="store_true", help="every module, Hot 100 and ACM included (slow)")
    parser.add_argument("--hot100", action="store_true", help="the Hot 100 and ACM-mode modules")
    parser.add_argument("--max-children", type=int, default=max(1, (os.cpu_count() or 2) - 1))
    parser.add_argument("--show", action="store_true", help="print the diff of every surviving mutant")
    parser.add_argument("--ref", help="take modules and tests from this git revision (e.g. main) instead")
    args = parser.parse_args()
    known = library_modules() + hot100_modules()
    modules = known if args.all else (hot100_modules() if args.hot100 else []) + args.modules
    unknown = sorted(set(modules) - set(known))
    if unknown or not modules:
        parser.error(f"give module names from {known}; unknown: {unknown}")
    print(f"{'module':28} {'mutants':>7} {'killed':>6} {'surv.':>5} {'t/o':>4} {'other':>5} {'equiv.':>6} "
          f"{'score':>6} {'+t/o':>6} {'sec':>6}")
    for module in modules:
        r = run_module(module, args.max_children, args.ref, args.show)
        print(f"{module:28} {r.total:7} {r.killed:6} {len(r.survived):5} {r.timeout:4} {r.other:5} "
              f"{r.equivalent:6} {r.score:6.1%} {r.score_with_timeouts:6.1%} {r.seconds:6.0f}", flush=True)
        for name in EQUIVALENT.get(module, {}) if args.ref is None else {}:
            if name not in r.statuses or r.statuses[name] != "survived":
                print(f"    stale EQUIVALENT entry (not a survivor): {name}")
        for name, state in r.statuses.items():
            if state not in {"killed", "survived"}:
                print(f"    {state}: {name}")
        for name in r.survived:
            print(f"    survived: {name}")
            if name in r.diffs:
                print("\n".join("        " + line for line in r.diffs[name].splitlines()))


if __name__ == "__main__":
    main()
