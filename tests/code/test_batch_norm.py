"""BatchNorm 对照 torch.nn.BatchNorm1d / BatchNorm2d:多步训练的 running 统计量、eval 模式、反向。

float64,容差 atol=1e-10。
"""

import numpy as np
import pytest
import torch

from batch_norm import BatchNorm


def _pair(num_features, ndim, momentum, seed):
    rng = np.random.default_rng(seed)
    ours = BatchNorm(num_features, eps=1e-5, momentum=momentum)
    ours.gamma = rng.normal(size=num_features)
    ours.beta = rng.normal(size=num_features)
    cls = torch.nn.BatchNorm1d if ndim == 2 else torch.nn.BatchNorm2d
    ref = cls(num_features, eps=1e-5, momentum=momentum, dtype=torch.float64)
    with torch.no_grad():
        ref.weight.copy_(torch.from_numpy(ours.gamma))
        ref.bias.copy_(torch.from_numpy(ours.beta))
    return ours, ref, rng


@pytest.mark.parametrize("shape", [(8, 3), (4, 3, 5, 5)], ids=["1d", "2d"])
def test_batch_norm_training_steps_and_eval_match_torch(shape):
    ours, ref, rng = _pair(shape[1], len(shape), momentum=0.3, seed=0)
    ref.train()
    for step in range(4):  # 多步:running 统计量的指数滑动平均要一致
        x = rng.normal(loc=step, scale=1.0 + step, size=shape)
        y = ours.forward(x)
        y_ref = ref(torch.from_numpy(x)).detach().numpy()
        np.testing.assert_allclose(y, y_ref, atol=1e-10)
        np.testing.assert_allclose(ours.running_mean, ref.running_mean.numpy(), atol=1e-10)
        np.testing.assert_allclose(ours.running_var, ref.running_var.numpy(), atol=1e-10)

    ours.training = False
    ref.eval()
    x = rng.normal(size=shape)
    running_before = ours.running_mean.copy()
    np.testing.assert_allclose(ours.forward(x), ref(torch.from_numpy(x)).detach().numpy(), atol=1e-10)
    np.testing.assert_array_equal(ours.running_mean, running_before)  # eval 不更新


def test_batch_norm_eval_output_does_not_depend_on_batch():
    ours, _, rng = _pair(3, 2, momentum=0.1, seed=1)
    ours.forward(rng.normal(size=(16, 3)))
    ours.training = False
    x = rng.normal(size=(5, 3))
    np.testing.assert_allclose(ours.forward(x)[1:2], ours.forward(x[1:2]), atol=1e-15)


def test_batch_norm_running_var_uses_unbiased_variance():
    bn = BatchNorm(1, momentum=1.0)  # momentum=1:running 统计量就是最后一个 batch 的
    bn.forward(np.array([[0.0], [2.0]]))
    assert bn.running_mean.tolist() == [1.0]
    assert bn.running_var.tolist() == [2.0]  # 无偏:((1)^2 + (1)^2) / (2 - 1);有偏会是 1.0


@pytest.mark.parametrize("shape", [(6, 4), (3, 2, 4, 3)], ids=["1d", "2d"])
def test_batch_norm_backward_matches_autograd(shape):
    ours, ref, rng = _pair(shape[1], len(shape), momentum=0.1, seed=2)
    x = rng.normal(size=shape)
    dy = rng.normal(size=shape)
    xt = torch.from_numpy(x).requires_grad_(True)
    ref(xt).backward(torch.from_numpy(dy))
    ours.forward(x)
    dx, dgamma, dbeta = ours.backward(dy)
    np.testing.assert_allclose(dx, xt.grad.numpy(), atol=1e-10)
    np.testing.assert_allclose(dgamma, ref.weight.grad.numpy(), atol=1e-10)
    np.testing.assert_allclose(dbeta, ref.bias.grad.numpy(), atol=1e-10)


def test_batch_norm_single_value_per_channel_raises_like_torch():
    with pytest.raises(ValueError, match="more than 1 value per channel"):
        BatchNorm(3).forward(np.ones((1, 3)))
    with pytest.raises(ValueError, match="more than 1 value per channel"):
        torch.nn.BatchNorm1d(3)(torch.ones(1, 3))


def test_batch_norm_backward_before_forward_raises():
    with pytest.raises(RuntimeError, match="call forward in training mode before backward"):
        BatchNorm(2).backward(np.ones((2, 2)))


def test_batch_norm_defaults_match_torch_defaults():
    # 默认 eps = 1e-5、momentum = 0.1,与 torch.nn.BatchNorm1d 的默认值相同;小方差输入让 eps 可见
    rng = np.random.default_rng(3)
    ours = BatchNorm(2)
    ref = torch.nn.BatchNorm1d(2, dtype=torch.float64)
    x = rng.normal(scale=1e-3, size=(6, 2))
    np.testing.assert_allclose(ours.forward(x), ref(torch.from_numpy(x)).detach().numpy(), atol=1e-10)
    np.testing.assert_allclose(ours.running_mean, ref.running_mean.numpy(), atol=1e-15)
    np.testing.assert_allclose(ours.running_var, ref.running_var.numpy(), atol=1e-15)


def test_batch_norm_error_messages_are_exact():
    with pytest.raises(ValueError, match=r"^BatchNorm needs more than 1 value per channel in training mode$"):
        BatchNorm(3).forward(np.ones((1, 3)))
    with pytest.raises(RuntimeError, match=r"^call forward in training mode before backward$"):
        BatchNorm(2).backward(np.ones((2, 2)))
