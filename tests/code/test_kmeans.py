"""k-means 对照 scikit-learn KMeans(algorithm="lloyd",相同初始中心,n_init=1)。

中心 atol=1e-8,标签完全一致,inertia 相对误差 1e-10;k-means++ 的抽样分布与 D(x)^2 公式对照。
"""

import warnings

import numpy as np
import pytest
from sklearn.cluster import KMeans

from kmeans import kmeans, kmeans_core, kmeans_plus_plus, squared_distances, update_centers


def _blobs(seed, n_per=30, k=4, d=3, spread=1.0):
    rng = np.random.default_rng(seed)
    means = rng.normal(scale=6.0, size=(k, d))
    return np.concatenate([m + spread * rng.normal(size=(n_per, d)) for m in means])


def _sklearn(X, init, max_iter=300):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        km = KMeans(n_clusters=len(init), init=init, n_init=1, max_iter=max_iter, tol=0.0, algorithm="lloyd")
        return km.fit(X)


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_kmeans_matches_sklearn_from_same_initial_centres(seed):
    X = _blobs(seed, spread=2.5)  # 簇之间有重叠,需要多轮迭代
    rng = np.random.default_rng(100 + seed)
    init = X[rng.choice(len(X), size=4, replace=False)]
    ours = kmeans(X, 4, init=init)
    ref = _sklearn(X, init)
    np.testing.assert_array_equal(ours.labels, ref.labels_)
    np.testing.assert_allclose(ours.centers, ref.cluster_centers_, atol=1e-8)
    assert ours.inertia == pytest.approx(ref.inertia_, rel=1e-10)
    assert ours.n_iter == ref.n_iter_ > 1  # 迭代次数也一致,且不是一步收敛的平凡情形


def test_kmeans_empty_cluster_relocated_like_sklearn():
    X = _blobs(7, n_per=20, k=3, d=2)
    init = np.array([X[0], X[25], [500.0, 500.0]])  # 第三个中心离所有点都很远:第一轮必为空簇
    labels0 = squared_distances(X, init).argmin(axis=1)
    assert 2 not in labels0
    centers1 = update_centers(X, labels0, init)
    far = int(np.argmax(((X - init[labels0]) ** 2).sum(axis=1)))
    np.testing.assert_array_equal(centers1[2], X[far])  # 空簇移到离自己中心最远的点
    assert np.isfinite(centers1).all()

    ours = kmeans(X, 3, init=init)
    ref = _sklearn(X, init)
    np.testing.assert_array_equal(ours.labels, ref.labels_)
    np.testing.assert_allclose(ours.centers, ref.cluster_centers_, atol=1e-8)
    assert np.bincount(ours.labels, minlength=3).min() > 0


def test_kmeans_update_removes_relocated_point_from_old_cluster():
    X = np.array([[0.0], [1.0], [2.0], [10.0]])
    labels = np.array([0, 0, 0, 0])
    centers = update_centers(X, labels, np.array([[0.0], [100.0]]))
    # 点 10 离中心 0 最远,被搬到空簇 1;簇 0 只剩 0, 1, 2
    assert centers.tolist() == [[1.0], [10.0]]


def test_kmeans_more_clusters_than_distinct_points_has_no_nan():
    X = np.array([[1.0, 1.0]] * 3 + [[5.0, 5.0]] * 3)
    res = kmeans(X, 3, init=np.array([[1.0, 1.0], [5.0, 5.0], [9.0, 9.0]]))
    assert np.isfinite(res.centers).all()
    assert res.inertia == 0.0


def test_kmeans_plus_plus_second_centre_follows_d_squared_distribution():
    X = np.array([[0.0], [1.0], [3.0], [7.0]])
    d2 = (X - X.T) ** 2  # (4, 4)
    expected = (d2 / d2.sum(axis=1, keepdims=True)).mean(axis=0)  # 第一个中心均匀,第二个 ∝ D^2
    draws = 4000
    counts = np.zeros(4)
    for seed in range(draws):
        c = kmeans_plus_plus(X, 2, np.random.default_rng(seed))
        counts[int(np.flatnonzero(X[:, 0] == c[1, 0])[0])] += 1
    # 4000 次抽样,每个比例的标准差 <= 0.008,容差取 0.03
    np.testing.assert_allclose(counts / draws, expected, atol=0.03)


def test_kmeans_plus_plus_picks_distinct_data_points_and_spreads_out():
    X = _blobs(11, n_per=25, k=5, d=2, spread=0.3)
    blob_of = np.repeat(np.arange(5), 25)
    covered_pp = 0
    for seed in range(200):
        rng = np.random.default_rng(seed)
        c = kmeans_plus_plus(X, 5, rng)
        idx = [int(np.flatnonzero((X == row).all(axis=1))[0]) for row in c]
        assert len(set(idx)) == 5  # 不会重复选同一个点(其 D^2 = 0)
        covered_pp += len(set(blob_of[idx])) == 5
    # 均匀随机选 5 个点覆盖全部 5 团的概率 5!·25^5 / C(125, 5) ≈ 0.041;k-means++ 远高于此
    assert covered_pp / 200 > 0.8


def test_kmeans_default_init_converges_on_separated_blobs():
    rng = np.random.default_rng(5)
    means = np.array([[0.0, 0.0, 0.0], [10.0, 0.0, 0.0], [0.0, 10.0, 0.0], [0.0, 0.0, 10.0]])
    X = np.concatenate([m + 0.5 * rng.normal(size=(30, 3)) for m in means])
    res = kmeans(X, 4, seed=0)
    ref = _sklearn(X, res.centers)  # 从我们的解出发,sklearn 应一步不动
    np.testing.assert_allclose(ref.cluster_centers_, res.centers, atol=1e-8)
    assert sorted(np.bincount(res.labels).tolist()) == [30, 30, 30, 30]


@pytest.mark.parametrize("seed", range(3))
def test_kmeans_core_matches_full_version_without_empty_clusters(seed):
    X = _blobs(seed, n_per=30, k=4, d=3, spread=1.0)
    init = X[np.random.default_rng(200 + seed).choice(len(X), size=4, replace=False)]
    centers, labels = kmeans_core(X, init)
    full = kmeans(X, 4, init=init)
    np.testing.assert_allclose(centers, full.centers, rtol=0, atol=1e-12)
    assert labels.tolist() == full.labels.tolist()
    assert init.tolist() == X[np.random.default_rng(200 + seed).choice(len(X), size=4, replace=False)].tolist()


def test_kmeans_core_keeps_an_empty_cluster_center_in_place():
    X = np.array([[0.0], [1.0], [3.0]])
    centers, labels = kmeans_core(X, np.array([[0.0], [100.0]]))
    assert centers.tolist() == [[4.0 / 3.0], [100.0]]  # nobody is closer to 100: it stays
    assert labels.tolist() == [0, 0, 0]


def test_kmeans_core_one_iteration_is_one_mean_step():
    # max_iter=1:恰好一次"求均值"——两个中心分别移到 (0, 1) 与 (10, 0)
    X = np.array([[0.0, 0.0], [0.0, 2.0], [9.0, 0.0], [11.0, 0.0]])
    centers, labels = kmeans_core(X, np.array([[0.0, 0.0], [9.0, 0.0]]), max_iter=1)
    assert centers.tolist() == [[0.0, 1.0], [10.0, 0.0]]
    assert labels.tolist() == [0, 0, 1, 1]


def test_kmeans_core_moves_a_single_point_cluster_onto_its_point():
    # 簇 1 只有一个点 3:中心从 2.5 移到 3(单点簇也要更新);簇 0 = {0, 1},中心 0.5
    X = np.array([[0.0], [1.0], [3.0]])
    centers, labels = kmeans_core(X, np.array([[0.0], [2.5]]))
    assert centers.tolist() == [[0.5], [3.0]]
    assert labels.tolist() == [0, 0, 1]


def test_kmeans_default_seed_is_zero_and_reproducible():
    # 不传 seed 等于 seed=0:同样的输入两次调用结果相同,便于复现。
    # 这组数据上 seed 0 与 seed 1 的 k-means++ 起点不同,两个中心的顺序相反,所以这个检查能失败。
    X = np.array([[0.0], [1.0], [3.0], [7.0], [8.0], [20.0]])
    default = kmeans(X, 2)
    assert default.centers.tolist() == kmeans(X, 2, seed=0).centers.tolist() == [[20.0], [3.8]]
    assert kmeans(X, 2, seed=1).centers.tolist() == [[3.8], [20.0]]
    assert default.labels.tolist() == [1, 1, 1, 1, 1, 0]
    # 3.8^2 + 2.8^2 + 0.8^2 + 3.2^2 + 4.2^2 = 14.44 + 7.84 + 0.64 + 10.24 + 17.64 = 50.8(20 独占一簇,贡献 0)
    assert default.inertia == pytest.approx(50.8, abs=1e-12)


def test_kmeans_stopped_by_max_iter_reassigns_labels_to_the_last_centres():
    # max_iter=1:一次分配 + 一次求均值后循环跑满,for...else 按新中心重新分配标签
    X = np.array([[0.0, 0.0], [0.0, 2.0], [9.0, 0.0], [11.0, 0.0]])
    res = kmeans(X, 2, init=np.array([[0.0, 0.0], [9.0, 0.0]]), max_iter=1)
    assert res.centers.tolist() == [[0.0, 1.0], [10.0, 0.0]]
    assert res.labels.tolist() == [0, 0, 1, 1]
    assert (res.n_iter, res.inertia) == (1, 4.0)


def test_kmeans_tol_stops_when_the_squared_shift_reaches_it():
    # 第一步中心移动的平方和 = 1^2 + 1^2 = 2:tol=2 时第一步就停(<= tol),tol 更小时还要再走一步确认
    X = np.array([[0.0, 0.0], [0.0, 2.0], [9.0, 0.0], [11.0, 0.0]])
    init = np.array([[0.0, 0.0], [9.0, 0.0]])
    assert kmeans(X, 2, init=init, tol=2.0).n_iter == 1
    assert kmeans(X, 2, init=init, tol=1.9).n_iter == 2


def test_kmeans_first_iteration_runs_even_if_every_point_starts_in_cluster_one():
    # 两个点都离中心 1 (0.5) 更近:第一轮簇 0 为空,把离中心 1 最远的点(同距离取靠前的 0)搬过去
    res = kmeans(np.array([[0.0], [1.0]]), 2, init=np.array([[5.0], [0.5]]))
    assert res.centers.tolist() == [[0.0], [1.0]]
    assert res.labels.tolist() == [0, 1]


def test_kmeans_update_relocates_the_point_farthest_from_its_own_centre():
    # 到自己中心 4 的距离平方:16, 0, 1 → 最远的是 0(不是离原点最远的 5)
    X = np.array([[0.0], [4.0], [5.0]])
    centers = update_centers(X, np.array([0, 0, 0]), np.array([[4.0], [100.0]]))
    assert centers.tolist() == [[4.5], [0.0]]


def test_kmeans_update_relocates_even_when_the_farthest_distance_is_below_one():
    X = np.array([[0.0], [0.5]])  # 距离平方 0 与 0.25
    assert update_centers(X, np.array([0, 0]), np.array([[0.0], [9.0]])).tolist() == [[0.0], [0.5]]


def test_kmeans_update_leaves_an_empty_cluster_when_every_point_sits_on_its_centre():
    X = np.array([[1.0], [1.0], [5.0]])
    centers = update_centers(X, np.array([0, 0, 1]), np.array([[1.0], [5.0], [9.0]]))
    assert centers.tolist() == [[1.0], [5.0], [9.0]]  # 没有可搬的点:空簇原地不动


def test_kmeans_plus_plus_two_points_always_picks_both():
    # D^2 之和恰为 1:第二个中心必须按 D^2 抽样(只能是另一个点),不能当作"全部重合"去均匀抽
    X = np.array([[0.0], [1.0]])
    for seed in range(20):
        assert sorted(kmeans_plus_plus(X, 2, np.random.default_rng(seed))[:, 0].tolist()) == [0.0, 1.0]


def test_kmeans_plus_plus_all_points_identical_falls_back_to_uniform_choice():
    X = np.ones((3, 2))
    assert kmeans_plus_plus(X, 2, np.random.default_rng(0)).tolist() == [[1.0, 1.0], [1.0, 1.0]]
