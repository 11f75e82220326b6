"""Hot 100 · 二叉树:官方样例 + hypothesis 随机树(力扣层序列表)对照独立的参考实现。"""

from hypothesis import given, settings
from hypothesis import strategies as st

from hot100_binary_tree import (
    lc94_inorder_traversal,
    lc98_is_valid_bst,
    lc101_is_symmetric,
    lc102_level_order,
    lc104_max_depth,
    lc105_build_tree,
    lc108_sorted_array_to_bst,
    lc114_flatten,
    lc124_max_path_sum,
    lc199_right_side_view,
    lc226_invert_tree,
    lc230_kth_smallest,
    lc236_lowest_common_ancestor,
    lc437_path_sum,
    lc543_diameter_of_binary_tree,
)
from hot100_structures import TreeNode

FAST = settings(max_examples=50)
level_lists = st.lists(st.one_of(st.none(), st.integers(-5, 5)), max_size=16)
nonempty = st.tuples(st.integers(-5, 5), level_lists).map(lambda t: [t[0], *t[1]])  # 根不为空
B = TreeNode.from_list


# ---------------------------------------------------------------- 参考实现


def nodes(root):
    return [] if root is None else [root] + nodes(root.left) + nodes(root.right)  # 前序


def inorder(root):
    return [] if root is None else inorder(root.left) + [root.val] + inorder(root.right)


def shape(root):
    """带空位标记的前序序列:两棵树结构和值都相同当且仅当 shape 相同。"""
    return ("#",) if root is None else (root.val,) + shape(root.left) + shape(root.right)


def mirror_shape(root):
    return ("#",) if root is None else (root.val,) + mirror_shape(root.right) + mirror_shape(root.left)


def path_between(a, b, parent):
    """树上 a 到 b 的唯一路径(结点列表)。"""
    up_a = [a]
    while parent.get(id(up_a[-1])) is not None:
        up_a.append(parent[id(up_a[-1])])
    ids_a = {id(x): i for i, x in enumerate(up_a)}
    up_b = [b]
    while id(up_b[-1]) not in ids_a:
        up_b.append(parent[id(up_b[-1])])
    return up_a[: ids_a[id(up_b[-1])] + 1] + up_b[:-1][::-1]


def parents(root):
    parent = {id(root): None}
    for node in nodes(root):
        for child in (node.left, node.right):
            if child is not None:
                parent[id(child)] = node
    return parent


def bst(values):
    root = None
    for v in values:
        if root is None:
            root = TreeNode(v)
            continue
        node = root
        while True:
            side = "left" if v < node.val else "right"
            if getattr(node, side) is None:
                setattr(node, side, TreeNode(v))
                break
            node = getattr(node, side)
    return root


# ---------------------------------------------------------------- 测试


@FAST
@given(level_lists)
def test_lc94_inorder_traversal_matches_recursion(values):
    root = B(values)
    assert lc94_inorder_traversal(root) == inorder(root)


@FAST
@given(level_lists)
def test_lc104_max_depth_matches_longest_root_path(values):
    root = B(values)
    parent = parents(root) if root else {}
    expected = max((len(path_between(root, n, parent)) for n in nodes(root)), default=0)
    assert lc104_max_depth(root) == expected


@FAST
@given(level_lists)
def test_lc226_invert_tree_matches_mirror_shape(values):
    root = B(values)
    expected = mirror_shape(root)
    assert shape(lc226_invert_tree(root)) == expected


@FAST
@given(st.lists(st.one_of(st.none(), st.integers(0, 2)), max_size=7))
def test_lc101_is_symmetric_matches_mirror_shape(half):
    root = B([1] + half)
    assert lc101_is_symmetric(root) == (shape(root.left) == mirror_shape(root.right))
    mirrored = B([1, 2, 2, 3, 4, 4, 3])
    assert lc101_is_symmetric(mirrored) is True


@FAST
@given(nonempty)
def test_lc543_diameter_matches_all_pairs(values):
    root = B(values)
    parent, all_nodes = parents(root), nodes(root)
    expected = max(len(path_between(a, b, parent)) - 1 for a in all_nodes for b in all_nodes)
    assert lc543_diameter_of_binary_tree(root) == expected


@FAST
@given(level_lists)
def test_lc102_level_order_matches_dfs_by_depth(values):
    root = B(values)
    levels = []

    def dfs(node, depth):
        if node is None:
            return
        if depth == len(levels):
            levels.append([])
        levels[depth].append(node.val)
        dfs(node.left, depth + 1)
        dfs(node.right, depth + 1)

    dfs(root, 0)
    assert lc102_level_order(root) == levels


@FAST
@given(st.lists(st.integers(-50, 50), unique=True, max_size=20).map(sorted))
def test_lc108_sorted_array_to_bst_is_balanced_bst(nums):
    root = lc108_sorted_array_to_bst(nums)
    assert inorder(root) == nums

    def height(node):
        if node is None:
            return 0
        left, right = height(node.left), height(node.right)
        assert abs(left - right) <= 1
        return 1 + max(left, right)

    height(root)


@FAST
@given(st.lists(st.one_of(st.none(), st.integers(0, 9)), max_size=12))
def test_lc98_is_valid_bst_matches_strictly_increasing_inorder(values):
    root = B(values)
    seq = inorder(root)
    assert lc98_is_valid_bst(root) == all(a < b for a, b in zip(seq, seq[1:]))
    assert lc98_is_valid_bst(B([5, 4, 6, None, None, 3, 7])) is False


@FAST
@given(st.lists(st.integers(0, 60), unique=True, min_size=1, max_size=20), st.data())
def test_lc230_kth_smallest_matches_sorted(values, data):
    k = data.draw(st.integers(1, len(values)))
    assert lc230_kth_smallest(bst(values), k) == sorted(values)[k - 1]


@FAST
@given(level_lists)
def test_lc199_right_side_view_matches_right_first_dfs(values):
    view = []

    def dfs(node, depth):
        if node is None:
            return
        if depth == len(view):
            view.append(node.val)
        dfs(node.right, depth + 1)
        dfs(node.left, depth + 1)

    root = B(values)
    dfs(root, 0)
    assert lc199_right_side_view(root) == view


@FAST
@given(level_lists)
def test_lc114_flatten_gives_preorder_chain(values):
    root = B(values)
    expected = [n.val for n in nodes(root)]
    lc114_flatten(root)
    chain, node = [], root
    while node is not None:
        assert node.left is None
        chain.append(node.val)
        node = node.right
    assert chain == expected


@FAST
@given(st.lists(st.one_of(st.none(), st.just(0)), max_size=16))
def test_lc105_build_tree_round_trips_random_shapes(pattern):
    root = B([0] + pattern)
    for i, node in enumerate(nodes(root)):
        node.val = i * 7 % 101  # 值互不相同
    rebuilt = lc105_build_tree([n.val for n in nodes(root)], inorder(root))
    assert shape(rebuilt) == shape(root)


@FAST
@given(level_lists, st.integers(-6, 6))
def test_lc437_path_sum_matches_all_downward_paths(values, target):
    root = B(values)
    parent = parents(root) if root else {}
    # 向下路径 = 祖先 a 到后代 b 的路径;枚举所有 (a, b) 对,b 在 a 的子树里
    count = 0
    for b in nodes(root):
        node, total = b, 0
        while node is not None:
            total += node.val
            count += total == target
            node = parent[id(node)]
    assert lc437_path_sum(root, target) == count


@FAST
@given(nonempty, st.data())
def test_lc236_lowest_common_ancestor_matches_ancestor_sets(values, data):
    root = B(values)
    all_nodes, parent = nodes(root), parents(root)
    p = data.draw(st.sampled_from(all_nodes))
    q = data.draw(st.sampled_from(all_nodes))
    chain = path_between(p, q, parent)
    depth = {id(n): len(path_between(root, n, parent)) for n in all_nodes}
    expected = min(chain, key=lambda n: depth[id(n)])  # p-q 路径上最浅的结点就是 LCA
    assert lc236_lowest_common_ancestor(root, p, q) is expected
    assert lc236_lowest_common_ancestor(root, q, p) is expected  # LCA 与 p、q 的先后无关


@FAST
@given(nonempty)
def test_lc124_max_path_sum_matches_all_pairs(values):
    root = B(values)
    parent, all_nodes = parents(root), nodes(root)
    expected = max(sum(n.val for n in path_between(a, b, parent)) for a in all_nodes for b in all_nodes)
    assert lc124_max_path_sum(root) == expected
    assert lc124_max_path_sum(B([-1, -2, -3])) == -1


# ---------------------------------------------------------------- 题目样例


def test_lc94_inorder_traversal_examples():
    assert lc94_inorder_traversal(B([1, None, 2, 3])) == [1, 3, 2]
    assert lc94_inorder_traversal(B([])) == []


def test_lc104_max_depth_examples():
    assert lc104_max_depth(B([3, 9, 20, None, None, 15, 7])) == 3
    assert lc104_max_depth(B([1, None, 2])) == 2


def test_lc226_invert_tree_examples():
    assert TreeNode.to_list(lc226_invert_tree(B([4, 2, 7, 1, 3, 6, 9]))) == [4, 7, 2, 9, 6, 3, 1]
    assert TreeNode.to_list(lc226_invert_tree(B([2, 1, 3]))) == [2, 3, 1]


def test_lc101_is_symmetric_examples():
    assert lc101_is_symmetric(B([1, 2, 2, 3, 4, 4, 3])) is True
    assert lc101_is_symmetric(B([1, 2, 2, None, 3, None, 3])) is False


def test_lc543_diameter_examples():
    assert lc543_diameter_of_binary_tree(B([1, 2, 3, 4, 5])) == 3
    assert lc543_diameter_of_binary_tree(B([1, 2])) == 1


def test_lc102_level_order_examples():
    assert lc102_level_order(B([3, 9, 20, None, None, 15, 7])) == [[3], [9, 20], [15, 7]]
    assert lc102_level_order(B([1])) == [[1]] and lc102_level_order(None) == []


def test_lc108_sorted_array_to_bst_examples():
    assert TreeNode.to_list(lc108_sorted_array_to_bst([-10, -3, 0, 5, 9])) == [0, -10, 5, None, -3, None, 9]
    assert inorder(lc108_sorted_array_to_bst([1, 3])) == [1, 3]


def test_lc98_is_valid_bst_examples():
    assert lc98_is_valid_bst(B([2, 1, 3])) is True
    assert lc98_is_valid_bst(B([5, 1, 4, None, None, 3, 6])) is False


def test_lc98_is_valid_bst_rejects_equal_values():
    # BST 要求严格小于 / 大于:等于父结点的值放在哪一边都不合法
    assert lc98_is_valid_bst(B([2, 2])) is False
    assert lc98_is_valid_bst(B([2, None, 2])) is False
    assert lc98_is_valid_bst(B([5, None, 7, 5])) is False  # 根的右子树里出现 5:下界 5 来自祖先,不是父结点


def test_lc230_kth_smallest_examples():
    assert lc230_kth_smallest(B([3, 1, 4, None, 2]), 1) == 1
    assert lc230_kth_smallest(B([5, 3, 6, 2, 4, None, None, 1]), 3) == 3


def test_lc199_right_side_view_examples():
    assert lc199_right_side_view(B([1, 2, 3, None, 5, None, 4])) == [1, 3, 4]
    assert lc199_right_side_view(B([1, 2, 3, 4, None, None, None, 5])) == [1, 3, 4, 5]
    assert lc199_right_side_view(B([1, None, 3])) == [1, 3]


def test_lc114_flatten_examples():
    root = B([1, 2, 5, 3, 4, None, 6])
    lc114_flatten(root)
    assert TreeNode.to_list(root) == [1, None, 2, None, 3, None, 4, None, 5, None, 6]


def test_lc105_build_tree_examples():
    assert TreeNode.to_list(lc105_build_tree([3, 9, 20, 15, 7], [9, 3, 15, 20, 7])) == [3, 9, 20, None, None, 15, 7]
    assert TreeNode.to_list(lc105_build_tree([-1], [-1])) == [-1]


def test_lc437_path_sum_examples():
    assert lc437_path_sum(B([10, 5, -3, 3, 2, None, 11, 3, -2, None, 1]), 8) == 3
    assert lc437_path_sum(B([5, 4, 8, 11, None, 13, 4, 7, 2, None, None, 5, 1]), 22) == 3


def test_lc437_path_sum_repeated_prefix_on_one_path():
    # 三个 0 连成一条链,target 0:单结点 3 条 + 相邻两个 2 条 + 整条 1 条 = 6;前缀和 0 在同一路径上出现 4 次
    assert lc437_path_sum(B([0, 0, None, 0]), 0) == 6


def test_lc437_path_sum_sibling_prefix_is_not_counted():
    # 两个兄弟的前缀和都是 3;左边回溯后 3 不在右边的路径上,而没有和为 0 的向下路径
    assert lc437_path_sum(B([1, 2, 2]), 0) == 0
    # 同一棵树 target 2:两个叶子各自 1 条
    assert lc437_path_sum(B([1, 2, 2]), 2) == 2


def test_lc236_lowest_common_ancestor_examples():
    root = B([3, 5, 1, 6, 2, 0, 8, None, None, 7, 4])
    five, one, four = root.left, root.right, root.left.right.right
    assert lc236_lowest_common_ancestor(root, five, one) is root
    assert lc236_lowest_common_ancestor(root, five, four) is five
    assert lc236_lowest_common_ancestor(root, one, five) is root  # 交换 p、q,答案不变
    assert lc236_lowest_common_ancestor(root, four, five) is five
    eight = one.right
    assert lc236_lowest_common_ancestor(root, one, eight) is one  # 都在右子树:左边返回 None


def test_lc124_max_path_sum_examples():
    assert lc124_max_path_sum(B([1, 2, 3])) == 6
    assert lc124_max_path_sum(B([-10, 9, 20, None, None, 15, 7])) == 42
    assert lc124_max_path_sum(B([1, 2, None, 3])) == 6  # 一条链 3-2-1:3 的贡献要经 2 带到根
