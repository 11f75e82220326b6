"""笔试 ACM 模式的输入输出模板:程序自己读标准输入、写标准输出。

四种常见的输入形状各给一个完整的小程序(函数体就是考场上要写的 main):
一组数据、读到文件结束的多组数据、先给组数或规模的表头、矩阵 / 字符网格。
测试(tests/code/test_acm_mode.py)把输入文本接到 sys.stdin,比较打印出来的文本。

通用做法:`sys.stdin.buffer.read().split()` 一次读入全部内容并按空白切开,得到 bytes 列表;
`int()` 可以直接转换 bytes。不在乎换行在哪里时这最快也最不容易出错。
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Iterator


# --8<-- [start:one-case]
def one_case() -> None:
    """输入:第一行 n,第二行 n 个整数。输出:最大值与最小值之差。

    数字可能被拆成多行或挤在一行,按空白切分就都不怕。
    """
    data = sys.stdin.buffer.read().split()
    n = int(data[0])
    nums = list(map(int, data[1 : 1 + n]))
    print(max(nums) - min(nums))
# --8<-- [end:one-case]


# --8<-- [start:until-eof]
def until_eof() -> None:
    """输入:若干行,每行两个整数 a b,行数未知,读到文件结束。输出:每行 a + b。

    按 token 读:每次取两个,直到取完;末尾多余的空行、行尾空格都不影响。
    """
    data = sys.stdin.buffer.read().split()
    out = []
    for i in range(0, len(data) - 1, 2):
        out.append(int(data[i]) + int(data[i + 1]))
    sys.stdout.write("\n".join(map(str, out)) + ("\n" if out else ""))


def until_eof_by_line() -> None:
    """同一题按行读:每行的含义不同(比如每行是一个字符串)时更自然。空行要跳过。"""
    out = []
    for line in sys.stdin:
        parts = line.split()
        if not parts:
            continue
        a, b = map(int, parts)
        out.append(a + b)
    sys.stdout.write("".join(f"{x}\n" for x in out))
# --8<-- [end:until-eof]


# --8<-- [start:header]
def tokens() -> Iterator[bytes]:
    """把全部输入变成一个 token 迭代器,按需取下一个,不用手算下标。"""
    return iter(sys.stdin.buffer.read().split())


def with_header() -> None:
    """输入:第一行 T 表示数据组数;每组先给 n,再给 n 个整数。输出:每组的和,一行一个。"""
    it = tokens()
    t = int(next(it))
    out = []
    for _ in range(t):
        n = int(next(it))
        out.append(sum(int(next(it)) for _ in range(n)))  # n 可能为 0:此时这一组没有数字
    print("\n".join(map(str, out)))
# --8<-- [end:header]


# --8<-- [start:matrix]
def matrix_of_ints() -> None:
    """输入:第一行 n m,接着 n 行、每行 m 个整数。输出:转置后的矩阵,每行数字用空格隔开。"""
    it = tokens()
    n, m = int(next(it)), int(next(it))
    grid = [[int(next(it)) for _ in range(m)] for _ in range(n)]  # 不要写 [[0] * m] * n
    print("\n".join(" ".join(map(str, col)) for col in zip(*grid)))


def grid_of_chars() -> None:
    """输入:第一行 n m,接着 n 行、每行一个长度为 m 的字符串(如 "#..#")。输出:'#' 的个数。

    字符网格不能按空白切成单个字符,要按行读;用 decode 把 bytes 变成 str 再处理。
    """
    lines = sys.stdin.buffer.read().decode().split()
    n, m = int(lines[0]), int(lines[1])
    grid = [row[:m] for row in lines[2 : 2 + n]]
    print(sum(row.count("#") for row in grid))
# --8<-- [end:matrix]


# --8<-- [start:recursion]
def run_with_big_stack(main: Callable[[], None], depth: int = 1 << 20, stack_mb: int = 256) -> None:
    """深递归的保险写法:提高递归上限,并在一个栈更大的线程里运行 main。

    只调 setrecursionlimit 而不加大线程栈,递归真的很深时解释器可能直接崩溃(段错误),
    连部分分都拿不到。能改成迭代的题优先改迭代(见 acm_problems.py 的子树大小一题)。
    """
    sys.setrecursionlimit(depth)
    threading.stack_size(stack_mb * 1024 * 1024)
    worker = threading.Thread(target=main)
    worker.start()
    worker.join()
    threading.stack_size(0)  # 恢复默认,别影响之后创建的线程
# --8<-- [end:recursion]


# --8<-- [start:output]
def format_floats(values: list[float], digits: int = 2) -> str:
    """浮点数按固定小数位输出,一行,用空格隔开。

    f"{x:.2f}" 按二进制里的真实值舍入:2.675 实际略小于 2.675,所以得到 "2.67";
    绝对值很小的负数会打印成 "-0.00",很多判题程序按字符串比较会判错,这里把它改成 "0.00"。

    >>> format_floats([3.14159, 2.675, -0.001, 10])
    '3.14 2.67 0.00 10.00'
    """
    out = []
    for x in values:
        text = f"{x:.{digits}f}"
        if text.startswith("-") and float(text) == 0:
            text = text[1:]
        out.append(text)
    return " ".join(out)
# --8<-- [end:output]
