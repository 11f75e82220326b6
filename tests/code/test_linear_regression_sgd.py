"""mini-batch SGD 线性回归:收敛到最小二乘解(np.linalg.lstsq)、划分与早停的行为。"""

import numpy as np
import pytest

from linear_regression_sgd import fit_sgd, fit_sgd_simple, least_squares, mse, sgd_epoch, train_val_split


def _data(n=300, d=4, noise=0.5, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, d))
    w_true = np.array([2.0, -1.0, 0.5, 3.0])[:d]
    y = X @ w_true - 1.5 + noise * rng.normal(size=n)
    return X, y


def _train_part(X, y, val_ratio, seed):
    # fit_sgd 用 default_rng(seed) 的第一次调用做划分,这里复现同样的划分
    return train_val_split(X, y, val_ratio, np.random.default_rng(seed))


def test_linear_regression_full_batch_converges_to_least_squares():
    X, y = _data()
    X_tr, y_tr, _, _ = _train_part(X, y, 0.2, seed=3)
    res = fit_sgd(X, y, lr=0.1, batch_size=len(X), epochs=500, restore_best=False, seed=3)
    w_ls, b_ls = least_squares(X_tr, y_tr)
    np.testing.assert_allclose(res.w, w_ls, atol=1e-8)
    assert res.b == pytest.approx(b_ls, abs=1e-8)


def test_linear_regression_minibatch_close_to_least_squares():
    X, y = _data()
    X_tr, y_tr, X_val, y_val = _train_part(X, y, 0.2, seed=1)
    res = fit_sgd(X, y, lr=0.01, batch_size=16, epochs=200, restore_best=False, seed=1)
    w_ls, b_ls = least_squares(X_tr, y_tr)
    # 常数学习率的 SGD 在最优点附近抖动,幅度与 lr 成正比;lr=0.01 时实测约 1e-3,容差取 5e-3
    np.testing.assert_allclose(res.w, w_ls, atol=0.005)
    assert res.b == pytest.approx(b_ls, abs=0.005)
    # 训练 MSE 不会低于最小二乘的训练 MSE(后者是全局最小)
    assert min(res.train_loss) >= mse(X_tr, y_tr, w_ls, b_ls) - 1e-12
    assert mse(X_val, y_val, res.w, res.b) == res.val_loss[-1]


def test_linear_regression_noiseless_recovers_true_parameters():
    X, y = _data(noise=0.0)
    res = fit_sgd(X, y, lr=0.05, batch_size=8, epochs=100, seed=0)
    np.testing.assert_allclose(res.w, [2.0, -1.0, 0.5, 3.0], atol=1e-10)
    assert res.b == pytest.approx(-1.5, abs=1e-10)


def test_linear_regression_split_is_disjoint_and_complete():
    X = np.arange(40.0).reshape(20, 2)
    y = np.arange(20.0)
    X_tr, y_tr, X_val, y_val = train_val_split(X, y, 0.25, np.random.default_rng(0))
    assert len(y_tr) == 15 and len(y_val) == 5
    assert sorted(np.concatenate([y_tr, y_val]).tolist()) == y.tolist()
    # X 和 y 用同一个排列:第 i 行 X 的第一列 = 2 * y
    np.testing.assert_array_equal(X_tr[:, 0], 2 * y_tr)
    np.testing.assert_array_equal(X_val[:, 0], 2 * y_val)


def test_linear_regression_keeps_best_validation_epoch_and_stops_early():
    X, y = _data(n=60, noise=2.0, seed=5)
    full = fit_sgd(X, y, lr=0.02, batch_size=4, epochs=60, seed=2)
    assert full.best_epoch == int(np.argmin(full.val_loss))
    assert len(full.train_loss) == len(full.val_loss) == 60

    early = fit_sgd(X, y, lr=0.02, batch_size=4, epochs=60, patience=3, seed=2)
    assert len(early.val_loss) == early.best_epoch + 4  # 最佳之后再等 3 个 epoch
    assert early.val_loss == full.val_loss[: len(early.val_loss)]  # 同一个随机流,前缀一致
    assert len(early.val_loss) < 60
    assert early.best_epoch == int(np.argmin(early.val_loss))
    X_tr, y_tr, X_val, y_val = _train_part(X, y, 0.2, seed=2)
    assert mse(X_val, y_val, early.w, early.b) == early.val_loss[early.best_epoch]  # 返回的是最佳参数


def test_linear_regression_loss_decreases_from_zero_init():
    X, y = _data()
    res = fit_sgd(X, y, lr=0.01, batch_size=32, epochs=5, seed=0)
    assert res.train_loss == sorted(res.train_loss, reverse=True)


def test_linear_regression_last_short_batch_averages_over_its_own_size():
    # 7 samples, val_ratio 2/7 -> 5 training samples; batch_size 2 -> batches of 2, 2 and 1
    rng = np.random.default_rng(11)
    X = rng.normal(size=(7, 2))
    y = rng.normal(size=7)
    res = fit_sgd(X, y, lr=0.1, batch_size=2, epochs=1, val_ratio=2 / 7, restore_best=False, seed=5)
    # replay the same random draws, then do the updates one batch at a time with plain Python sums
    replay = np.random.default_rng(5)
    X_tr, y_tr, _, _ = train_val_split(X, y, 2 / 7, replay)
    order = replay.permutation(5)
    w, b = [0.0, 0.0], 0.0
    for batch in (order[0:2], order[2:4], order[4:5]):
        gw, gb = [0.0, 0.0], 0.0
        for i in batch:
            r = X_tr[i, 0] * w[0] + X_tr[i, 1] * w[1] + b - y_tr[i]
            gw = [gw[0] + 2 * r * X_tr[i, 0], gw[1] + 2 * r * X_tr[i, 1]]
            gb += 2 * r
        w = [w[0] - 0.1 * gw[0] / len(batch), w[1] - 0.1 * gw[1] / len(batch)]
        b -= 0.1 * gb / len(batch)
    np.testing.assert_allclose(res.w, w, rtol=0, atol=1e-12)
    assert res.b == pytest.approx(b, abs=1e-12)


def test_linear_regression_sgd_epoch_uneven_batches_by_hand():
    # 3 samples, batch_size 2 -> batches [2, 0] and [1]; one feature, lr 0.5
    X = np.array([[1.0], [2.0], [3.0]])
    y = np.array([1.0, 0.0, 2.0])
    w, b = sgd_epoch(X, y, np.zeros(1), 0.0, lr=0.5, batch_size=2, order=np.array([2, 0, 1]))
    # batch [2, 0]: r = [-2, -1]; grad_w = 2/2 * (3*-2 + 1*-1) = -7, grad_b = -3 -> w = 3.5, b = 1.5
    # batch [1]:    r = 2*3.5 + 1.5 - 0 = 8.5; grad_w = 2/1 * 2 * 8.5 = 34, grad_b = 17 -> w = -13.5, b = -7
    assert w.tolist() == [-13.5] and b == -7.0


def test_linear_regression_simple_loop_fits_noiseless_data():
    X, y = _data(noise=0.0)
    w, b = fit_sgd_simple(X, y, lr=0.05, batch_size=8, epochs=60, seed=2)
    np.testing.assert_allclose(w, [2.0, -1.0, 0.5, 3.0], atol=1e-10)
    assert b == pytest.approx(-1.5, abs=1e-10)


def test_linear_regression_simple_loop_defaults_replayed():
    # defaults: zero init, lr 0.05, batch 32, 100 epochs, order from default_rng(0)
    X, y = _data()
    for epochs in (1, 100):
        rng = np.random.default_rng(0)
        w, b = np.zeros(4), 0.0
        for _ in range(epochs):
            w, b = sgd_epoch(X, y, w, b, 0.05, 32, rng.permutation(len(X)))
        got = fit_sgd_simple(X, y, epochs=epochs) if epochs == 1 else fit_sgd_simple(X, y)
        np.testing.assert_allclose(got[0], w, rtol=0, atol=1e-12)
        assert got[1] == pytest.approx(b, abs=1e-12)


def test_linear_regression_fit_defaults_replayed():
    # defaults: val_ratio 0.2, lr 0.05, batch 32, 100 epochs, seed 0, restore the best epoch
    X, y = _data()
    res = fit_sgd(X, y)
    rng = np.random.default_rng(0)
    X_tr, y_tr, X_val, y_val = train_val_split(X, y, 0.2, rng)
    w, b, best = np.zeros(4), 0.0, (np.inf, None, None)
    for _ in range(100):
        w, b = sgd_epoch(X_tr, y_tr, w, b, 0.05, 32, rng.permutation(len(X_tr)))
        if mse(X_val, y_val, w, b) < best[0]:
            best = (mse(X_val, y_val, w, b), w.copy(), b)
    assert len(res.val_loss) == 100
    np.testing.assert_allclose(res.w, best[1], rtol=0, atol=1e-12)
    assert res.b == pytest.approx(best[2], abs=1e-12)


def test_linear_regression_zero_epochs_returns_zero_init():
    X, y = _data()
    res = fit_sgd(X, y, epochs=0)
    assert res.w.tolist() == [0.0, 0.0, 0.0, 0.0] and res.b == 0.0 and res.best_epoch == -1


def test_linear_regression_ties_keep_the_first_best_epoch():
    # lr = 0: every epoch has the same validation loss; the first one stays the best, and with
    # patience 1 training stops one epoch later
    X, y = _data()
    assert fit_sgd(X, y, lr=0.0, epochs=3).best_epoch == 0
    assert len(fit_sgd(X, y, lr=0.0, epochs=5, patience=1).val_loss) == 2
