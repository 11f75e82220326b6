"""F26 手写 LayerNorm / BatchNorm2d / Conv2d 对照 torch.nn:复制 state_dict,float64 atol=1e-10;
BatchNorm 连续训练 5 步(SGD)后对照输出、梯度、参数与 running 统计量,再对照 eval 输出。"""

import pytest
import torch
from torch import nn

from nn_modules import BatchNorm2d, BatchNorm2dBiasedRunningVar, Conv2d, LayerNorm, freeze_batchnorm
from tests.code.threads import single_thread

ATOL = 1e-10


@pytest.fixture(autouse=True)
def _one_thread():
    with single_thread():
        yield


def _gen(seed: int) -> torch.Generator:
    return torch.Generator().manual_seed(seed)


@pytest.mark.parametrize("shape,normalized", [((2, 5, 8), 8), ((3, 4, 5), (4, 5))])
def test_nn_layer_norm_matches_torch_forward_and_grad(shape, normalized):
    ref = nn.LayerNorm(normalized, eps=1e-5).double()
    with torch.no_grad():
        ref.weight.normal_(generator=_gen(0))
        ref.bias.normal_(generator=_gen(1))
    mine = LayerNorm(normalized, eps=1e-5).double()
    mine.load_state_dict(ref.state_dict())
    x = torch.randn(shape, generator=_gen(2), dtype=torch.float64) * 3 + 2
    x1, x2 = x.clone().requires_grad_(True), x.clone().requires_grad_(True)
    dy = torch.randn(shape, generator=_gen(3), dtype=torch.float64)
    y_mine, y_ref = mine(x1), ref(x2)
    torch.testing.assert_close(y_mine, y_ref, atol=ATOL, rtol=0)
    (y_mine * dy).sum().backward()
    (y_ref * dy).sum().backward()
    torch.testing.assert_close(x1.grad, x2.grad, atol=ATOL, rtol=0)
    torch.testing.assert_close(mine.weight.grad, ref.weight.grad, atol=ATOL, rtol=0)
    torch.testing.assert_close(mine.bias.grad, ref.bias.grad, atol=ATOL, rtol=0)


def test_nn_layer_norm_without_affine_has_no_parameters():
    mine = LayerNorm(6, elementwise_affine=False)
    ref = nn.LayerNorm(6, elementwise_affine=False)
    assert list(mine.parameters()) == []
    assert mine.weight is None and mine.bias is None and ref.weight is None and ref.bias is None
    x = torch.randn(4, 6, generator=_gen(4))
    torch.testing.assert_close(mine(x), nn.LayerNorm(6, elementwise_affine=False)(x), atol=1e-6, rtol=0)


def test_nn_state_dict_keys_match_torch():
    assert LayerNorm(4).state_dict().keys() == nn.LayerNorm(4).state_dict().keys()
    assert BatchNorm2d(3).state_dict().keys() == nn.BatchNorm2d(3).state_dict().keys()
    assert Conv2d(2, 3, 3).state_dict().keys() == nn.Conv2d(2, 3, 3).state_dict().keys()
    assert [name for name, _ in BatchNorm2d(3).named_parameters()] == ["weight", "bias"]  # buffer 不是参数


def _train_bn_pair(momentum, steps: int = 5, batch: int = 4):
    ref = nn.BatchNorm2d(3, momentum=momentum).double()
    mine = BatchNorm2d(3, momentum=momentum).double()
    mine.load_state_dict(ref.state_dict())
    opt_ref = torch.optim.SGD(ref.parameters(), lr=0.1)
    opt_mine = torch.optim.SGD(mine.parameters(), lr=0.1)
    g = _gen(5)
    for step in range(steps):
        x = torch.randn(batch, 3, 5, 6, generator=g, dtype=torch.float64) * (step + 1) + step
        target = torch.randn(batch, 3, 5, 6, generator=g, dtype=torch.float64)
        x_mine, x_ref = x.clone().requires_grad_(True), x.clone().requires_grad_(True)
        out_mine, out_ref = mine(x_mine), ref(x_ref)
        torch.testing.assert_close(out_mine, out_ref, atol=ATOL, rtol=0, msg=f"step {step}")
        for out, opt in ((out_mine, opt_mine), (out_ref, opt_ref)):
            opt.zero_grad()
            ((out - target) ** 2).mean().backward()
            opt.step()
        torch.testing.assert_close(x_mine.grad, x_ref.grad, atol=ATOL, rtol=0)
        for key, value in ref.state_dict().items():
            torch.testing.assert_close(mine.state_dict()[key], value, atol=ATOL, rtol=0, msg=f"{key} step {step}")
    return mine, ref


@pytest.mark.parametrize("momentum", [0.1, 0.3, None])
def test_nn_batch_norm_training_steps_match_torch(momentum):
    mine, ref = _train_bn_pair(momentum)
    assert int(mine.num_batches_tracked) == 5
    assert not torch.allclose(mine.running_var, torch.ones(3, dtype=torch.float64))


def test_nn_batch_norm_eval_uses_running_stats_and_does_not_update():
    mine, ref = _train_bn_pair(0.1)
    mine.eval(), ref.eval()
    before = {k: v.clone() for k, v in mine.state_dict().items()}
    x = torch.randn(2, 3, 4, 4, generator=_gen(6), dtype=torch.float64) * 4 + 1
    torch.testing.assert_close(mine(x), ref(x), atol=ATOL, rtol=0)
    for key, value in mine.state_dict().items():
        assert torch.equal(value, before[key]), key
    # eval 输出逐样本独立:单独一个样本与放进 batch 结果相同
    torch.testing.assert_close(mine(x[:1]), mine(x)[:1], atol=ATOL, rtol=0)
    # 换回训练模式又用 batch 统计量(输出逐通道均值为 bias)
    mine.train()
    y = mine(x)
    torch.testing.assert_close(y.mean(dim=(0, 2, 3)), mine.bias.detach(), atol=1e-9, rtol=0)


@pytest.mark.parametrize("momentum", [0.1, None])
def test_nn_batch_norm_fresh_default_module_matches_torch(momentum):
    # 不复制 state_dict:初始 buffer(running 统计量、num_batches_tracked = 0)与默认 momentum 必须和 torch 一样
    kwargs = {} if momentum == 0.1 else {"momentum": None}
    mine, ref = BatchNorm2d(3, **kwargs).double(), nn.BatchNorm2d(3, **kwargs).double()
    assert int(mine.num_batches_tracked) == 0 and mine.num_batches_tracked.dtype == torch.long
    g = _gen(13)
    for step in range(2):
        x = torch.randn(2, 3, 3, 2, generator=g, dtype=torch.float64) * 2 + step
        torch.testing.assert_close(mine(x), ref(x), atol=ATOL, rtol=0)
        for key, value in ref.state_dict().items():
            torch.testing.assert_close(mine.state_dict()[key], value, atol=ATOL, rtol=0, msg=f"{key} step {step}")


def test_nn_batch_norm_without_affine_matches_torch():
    mine, ref = BatchNorm2d(3, affine=False).double(), nn.BatchNorm2d(3, affine=False).double()
    assert mine.weight is None and mine.bias is None and list(mine.parameters()) == []
    assert mine.state_dict().keys() == ref.state_dict().keys()
    x = torch.randn(4, 3, 2, 3, generator=_gen(14), dtype=torch.float64) * 3 - 1
    torch.testing.assert_close(mine(x), ref(x), atol=ATOL, rtol=0)
    mine.eval(), ref.eval()
    torch.testing.assert_close(mine(x), ref(x), atol=ATOL, rtol=0)


def test_nn_batch_norm_two_values_per_channel_is_enough():
    # n = N*H*W = 2 时无偏方差 (分母 n - 1 = 1) 有定义,torch 也接受
    mine, ref = BatchNorm2d(3, momentum=0.5).double(), nn.BatchNorm2d(3, momentum=0.5).double()
    x = torch.tensor([[[[1.0]], [[4.0]], [[-2.0]]], [[[3.0]], [[0.0]], [[-2.5]]]], dtype=torch.float64)  # (2, 3, 1, 1)
    torch.testing.assert_close(mine(x), ref(x), atol=ATOL, rtol=0)
    # 每通道两个值 a, b:无偏方差 (a - b)^2 / 2 -> 2, 8, 0.125;running_var = 0.5 * 1 + 0.5 * 无偏方差
    torch.testing.assert_close(mine.running_var, torch.tensor([1.5, 4.5, 0.5625], dtype=torch.float64),
                               atol=ATOL, rtol=0)
    torch.testing.assert_close(mine.running_var, ref.running_var, atol=ATOL, rtol=0)


def test_nn_batch_norm_fresh_module_in_eval_is_nearly_identity():
    bn = BatchNorm2d(2).eval()
    x = torch.randn(3, 2, 2, 2, generator=_gen(7))
    torch.testing.assert_close(bn(x), x / (1 + 1e-5) ** 0.5, atol=1e-7, rtol=0)


def test_nn_batch_norm_rejects_single_value_per_channel_in_training():
    with pytest.raises(ValueError, match="^训练模式下每个通道至少需要 2 个值才能估计方差$"):
        BatchNorm2d(3)(torch.randn(1, 3, 1, 1))
    with pytest.raises(ValueError):
        nn.BatchNorm2d(3)(torch.randn(1, 3, 1, 1))  # torch 也拒绝


def test_nn_batch_norm_biased_running_var_is_wrong():
    x = torch.randn(2, 3, 2, 1, generator=_gen(8), dtype=torch.float64)  # 每通道 n = 4
    ref = nn.BatchNorm2d(3, momentum=1.0).double()
    wrong = BatchNorm2dBiasedRunningVar(3, momentum=1.0).double()
    ref(x), wrong(x)
    torch.testing.assert_close(wrong.running_var, ref.running_var * 3 / 4, atol=ATOL, rtol=0)


def test_nn_batch_norm_biased_running_var_differs_from_torch_only_in_running_var():
    # 反例只错在 running_var:训练输出、running_mean、num_batches_tracked 与 eval 的用法都和 torch 一样
    ref = nn.BatchNorm2d(3, momentum=0.1).double()
    with torch.no_grad():
        ref.weight.normal_(generator=_gen(15))
        ref.bias.normal_(generator=_gen(16))
        ref.running_mean.normal_(generator=_gen(17))
    wrong = BatchNorm2dBiasedRunningVar(3, momentum=0.1).double()
    wrong.load_state_dict(ref.state_dict())
    g = _gen(18)
    for step in range(2):
        x = torch.randn(3, 3, 2, 2, generator=g, dtype=torch.float64) * 2 + step
        torch.testing.assert_close(wrong(x), ref(x), atol=ATOL, rtol=0, msg=f"step {step}")
        torch.testing.assert_close(wrong.running_mean, ref.running_mean, atol=ATOL, rtol=0)
        assert int(wrong.num_batches_tracked) == int(ref.num_batches_tracked) == step + 1
    assert not torch.allclose(wrong.running_var, ref.running_var)
    # eval:用它自己(有偏)的 running 统计量,和装了同样 buffer 的 torch BN 一样
    wrong.eval()
    check = nn.BatchNorm2d(3).double().eval()
    check.load_state_dict(wrong.state_dict())
    x = torch.randn(2, 3, 2, 2, generator=g, dtype=torch.float64)
    torch.testing.assert_close(wrong(x), check(x), atol=ATOL, rtol=0)


def test_nn_freeze_batchnorm_keeps_running_stats():
    model = nn.Sequential(Conv2d(3, 4, 3, padding=1), BatchNorm2d(4), nn.ReLU())
    model.train()
    freeze_batchnorm(model)
    stats = model[1].running_mean.clone()
    model(torch.randn(2, 3, 5, 5, generator=_gen(9)))
    assert torch.equal(model[1].running_mean, stats)
    assert model[0].training and not model[1].training
    assert not model[1].weight.requires_grad


@pytest.mark.parametrize(
    "cin,cout,kernel,stride,padding,hw",
    [(3, 4, 3, 1, 1, (8, 8)), (2, 5, (3, 2), (2, 1), (1, 0), (9, 7)), (1, 2, 5, 2, 2, (11, 12)), (4, 3, 1, 1, 0, (3, 5))],
)
def test_nn_conv2d_matches_torch_forward_and_grad(cin, cout, kernel, stride, padding, hw):
    ref = nn.Conv2d(cin, cout, kernel, stride=stride, padding=padding).double()
    mine = Conv2d(cin, cout, kernel, stride=stride, padding=padding).double()
    mine.load_state_dict(ref.state_dict())
    x = torch.randn(2, cin, *hw, generator=_gen(10), dtype=torch.float64)
    y_mine, y_ref = mine(x), ref(x)
    assert y_mine.shape == y_ref.shape
    torch.testing.assert_close(y_mine, y_ref, atol=ATOL, rtol=0)
    y_mine.square().sum().backward()
    y_ref.square().sum().backward()
    torch.testing.assert_close(mine.weight.grad, ref.weight.grad, atol=1e-9, rtol=0)
    torch.testing.assert_close(mine.bias.grad, ref.bias.grad, atol=1e-9, rtol=0)


def test_nn_conv2d_init_matches_torch_with_same_seed():
    torch.manual_seed(11)
    ref = nn.Conv2d(3, 8, (3, 5))
    torch.manual_seed(11)
    mine = Conv2d(3, 8, (3, 5))
    torch.testing.assert_close(mine.weight, ref.weight, atol=1e-7, rtol=0)
    torch.testing.assert_close(mine.bias, ref.bias, atol=1e-7, rtol=0)
    bound = 1 / (3 * 3 * 5) ** 0.5
    assert mine.weight.abs().max() <= bound and mine.bias.abs().max() <= bound


def test_nn_conv2d_default_stride_and_padding_match_torch():
    ref = nn.Conv2d(2, 3, 3).double()   # 默认 stride=1、padding=0
    mine = Conv2d(2, 3, 3).double()
    mine.load_state_dict(ref.state_dict())
    x = torch.randn(1, 2, 5, 6, generator=_gen(19), dtype=torch.float64)
    y = mine(x)
    assert y.shape == (1, 3, 3, 4)
    torch.testing.assert_close(y, ref(x), atol=ATOL, rtol=0)


def test_nn_conv2d_without_bias_and_dtype():
    mine = Conv2d(2, 3, 3, bias=False)
    assert mine.bias is None and len(list(mine.parameters())) == 1
    x = torch.randn(1, 2, 6, 6, generator=_gen(12), dtype=torch.float64)
    assert mine.double()(x).dtype == torch.float64
