"""Hot 100 · 二叉树:94、104、226、101、543、102、108、98、230、199、114、105、437、236、124。

树用 hot100_structures.TreeNode,按力扣的层序列表建树。递归三问:返回什么、空树返回什么、
怎样由左右子树的结果合成当前结点的结果。
"""

from __future__ import annotations

from collections import defaultdict, deque

from hot100_structures import TreeNode

T = TreeNode.from_list  # doctest 里少打几个字


# --8<-- [start:lc94]
def lc94_inorder_traversal(root: TreeNode | None) -> list[int]:
    """迭代中序:一路向左压栈,弹出时访问,再转向右子树。O(n) / O(h)。

    >>> lc94_inorder_traversal(T([1, None, 2, 3]))
    [1, 3, 2]
    """
    out: list[int] = []
    stack: list[TreeNode] = []
    node = root
    while node is not None or stack:
        while node is not None:
            stack.append(node)
            node = node.left
        node = stack.pop()
        out.append(node.val)
        node = node.right
    return out
# --8<-- [end:lc94]


# --8<-- [start:lc104]
def lc104_max_depth(root: TreeNode | None) -> int:
    """深度 = 1 + 左右子树深度的较大者;空树为 0。O(n) / O(h)。

    >>> lc104_max_depth(T([3, 9, 20, None, None, 15, 7])), lc104_max_depth(T([1, None, 2]))
    (3, 2)
    """
    if root is None:
        return 0
    return 1 + max(lc104_max_depth(root.left), lc104_max_depth(root.right))
# --8<-- [end:lc104]


# --8<-- [start:lc226]
def lc226_invert_tree(root: TreeNode | None) -> TreeNode | None:
    """每个结点交换左右孩子(前序或后序都行)。O(n) / O(h)。

    >>> TreeNode.to_list(lc226_invert_tree(T([4, 2, 7, 1, 3, 6, 9])))
    [4, 7, 2, 9, 6, 3, 1]
    """
    if root is not None:
        root.left, root.right = lc226_invert_tree(root.right), lc226_invert_tree(root.left)
    return root
# --8<-- [end:lc226]


# --8<-- [start:lc101]
def lc101_is_symmetric(root: TreeNode | None) -> bool:
    """比较两棵子树是否互为镜像:外侧对外侧、内侧对内侧。O(n) / O(h)。

    >>> lc101_is_symmetric(T([1, 2, 2, 3, 4, 4, 3])), lc101_is_symmetric(T([1, 2, 2, None, 3, None, 3]))
    (True, False)
    """

    def mirror(a: TreeNode | None, b: TreeNode | None) -> bool:
        if a is None or b is None:
            return a is b  # 都空才对称
        return a.val == b.val and mirror(a.left, b.right) and mirror(a.right, b.left)

    return root is None or mirror(root.left, root.right)
# --8<-- [end:lc101]


# --8<-- [start:lc543]
def lc543_diameter_of_binary_tree(root: TreeNode | None) -> int:
    """直径(边数)= 某个结点的左深度 + 右深度;递归返回深度,顺手更新全局最大值。O(n) / O(h)。

    >>> lc543_diameter_of_binary_tree(T([1, 2, 3, 4, 5])), lc543_diameter_of_binary_tree(T([1, 2]))
    (3, 1)
    """
    best = 0

    def depth(node: TreeNode | None) -> int:
        nonlocal best
        if node is None:
            return 0
        left, right = depth(node.left), depth(node.right)
        best = max(best, left + right)  # 经过 node 的最长路径,不一定经过根
        return 1 + max(left, right)

    depth(root)
    return best
# --8<-- [end:lc543]


# --8<-- [start:lc102]
def lc102_level_order(root: TreeNode | None) -> list[list[int]]:
    """BFS,每轮处理当前队列里的一整层。O(n) / O(宽度)。

    >>> lc102_level_order(T([3, 9, 20, None, None, 15, 7]))
    [[3], [9, 20], [15, 7]]
    """
    if root is None:
        return []
    levels = []
    queue = deque([root])
    while queue:
        level = []
        for _ in range(len(queue)):  # 固定本层的结点数
            node = queue.popleft()
            level.append(node.val)
            if node.left is not None:
                queue.append(node.left)
            if node.right is not None:
                queue.append(node.right)
        levels.append(level)
    return levels
# --8<-- [end:lc102]


# --8<-- [start:lc108]
def lc108_sorted_array_to_bst(nums: list[int]) -> TreeNode | None:
    """取中点作根,左右两半递归:两边结点数最多差 1,所以高度平衡。O(n) / O(log n)。

    >>> TreeNode.to_list(lc108_sorted_array_to_bst([-10, -3, 0, 5, 9]))
    [0, -10, 5, None, -3, None, 9]
    """

    def build(lo: int, hi: int) -> TreeNode | None:  # 闭区间 [lo, hi]
        if lo > hi:
            return None
        mid = (lo + hi) // 2
        return TreeNode(nums[mid], build(lo, mid - 1), build(mid + 1, hi))

    return build(0, len(nums) - 1)
# --8<-- [end:lc108]


# --8<-- [start:lc98]
def lc98_is_valid_bst(root: TreeNode | None) -> bool:
    """带上下界递归:左子树所有值 < 根 < 右子树所有值(严格)。O(n) / O(h)。

    只比较父子两个结点是常见错误:[5, 4, 6, None, None, 3, 7] 中 3 在 5 的右子树里。

    >>> lc98_is_valid_bst(T([2, 1, 3])), lc98_is_valid_bst(T([5, 4, 6, None, None, 3, 7]))
    (True, False)
    """

    def check(node: TreeNode | None, low: float, high: float) -> bool:
        if node is None:
            return True
        if not low < node.val < high:
            return False
        return check(node.left, low, node.val) and check(node.right, node.val, high)

    return check(root, float("-inf"), float("inf"))
# --8<-- [end:lc98]


# --8<-- [start:lc230]
def lc230_kth_smallest(root: TreeNode | None, k: int) -> int:
    """BST 的中序遍历是升序;迭代中序数到第 k 个就停。O(h + k) / O(h)。

    >>> lc230_kth_smallest(T([3, 1, 4, None, 2]), 1), lc230_kth_smallest(T([5, 3, 6, 2, 4, None, None, 1]), 3)
    (1, 3)
    """
    stack: list[TreeNode] = []
    node = root
    while True:
        while node is not None:
            stack.append(node)
            node = node.left
        node = stack.pop()
        k -= 1
        if k == 0:
            return node.val
        node = node.right
# --8<-- [end:lc230]


# --8<-- [start:lc199]
def lc199_right_side_view(root: TreeNode | None) -> list[int]:
    """层序遍历,每层取最后一个。O(n) / O(宽度)。

    >>> lc199_right_side_view(T([1, 2, 3, None, 5, None, 4])), lc199_right_side_view(T([1, 2, 3, 4]))
    ([1, 3, 4], [1, 3, 4])
    """
    return [level[-1] for level in lc102_level_order(root)]
# --8<-- [end:lc199]


# --8<-- [start:lc114]
def lc114_flatten(root: TreeNode | None) -> None:
    """原地展开成"只有右孩子"的链,顺序为前序。对每个有左子树的结点:
    把右子树接到左子树最右结点的后面,再把左子树挪到右边。O(n) / O(1)。

    >>> root = T([1, 2, 5, 3, 4, None, 6])
    >>> lc114_flatten(root)
    >>> TreeNode.to_list(root)
    [1, None, 2, None, 3, None, 4, None, 5, None, 6]
    """
    node = root
    while node is not None:
        if node.left is not None:
            tail = node.left
            while tail.right is not None:
                tail = tail.right  # 左子树前序的最后一个结点
            tail.right = node.right
            node.right, node.left = node.left, None
        node = node.right
# --8<-- [end:lc114]


# --8<-- [start:lc105]
def lc105_build_tree(preorder: list[int], inorder: list[int]) -> TreeNode | None:
    """前序第一个是根;在中序里找到根(哈希表 O(1)),左边是左子树,右边是右子树。O(n) / O(n)。

    值互不相同是前提,否则根在中序里的位置不唯一。

    >>> TreeNode.to_list(lc105_build_tree([3, 9, 20, 15, 7], [9, 3, 15, 20, 7]))
    [3, 9, 20, None, None, 15, 7]
    """
    where = {v: i for i, v in enumerate(inorder)}
    next_root = 0  # 前序里下一个根的位置:先建左子树再建右子树,正好顺序消费前序

    def build(lo: int, hi: int) -> TreeNode | None:  # 中序区间 [lo, hi]
        nonlocal next_root
        if lo > hi:
            return None
        value = preorder[next_root]
        next_root += 1
        mid = where[value]
        node = TreeNode(value)
        node.left = build(lo, mid - 1)
        node.right = build(mid + 1, hi)
        return node

    return build(0, len(inorder) - 1)
# --8<-- [end:lc105]


# --8<-- [start:lc437]
def lc437_path_sum(root: TreeNode | None, target: int) -> int:
    """向下路径和 = 两个"根到结点"前缀和之差:DFS 维护当前路径上前缀和的计数(LC 560 搬到树上)。O(n)。

    回溯时要把当前前缀和的计数减回去,否则别的分支会用到不在同一路径上的前缀。

    >>> lc437_path_sum(T([10, 5, -3, 3, 2, None, 11, 3, -2, None, 1]), 8)
    3
    >>> lc437_path_sum(T([5, 4, 8, 11, None, 13, 4, 7, 2, None, None, 5, 1]), 22)
    3
    """
    seen: defaultdict[int, int] = defaultdict(int)
    seen[0] = 1  # 空前缀:从根出发的路径

    def dfs(node: TreeNode | None, prefix: int) -> int:
        if node is None:
            return 0
        prefix += node.val
        count = seen[prefix - target]
        seen[prefix] += 1
        count += dfs(node.left, prefix) + dfs(node.right, prefix)
        seen[prefix] -= 1  # 回溯
        return count

    return dfs(root, 0)
# --8<-- [end:lc437]


# --8<-- [start:lc236]
def lc236_lowest_common_ancestor(root: TreeNode | None, p: TreeNode, q: TreeNode) -> TreeNode | None:
    """后序:在左右子树里分别找 p、q;两边都找到则当前结点是 LCA,否则返回找到的那一边。O(n) / O(h)。

    >>> root = T([3, 5, 1, 6, 2, 0, 8, None, None, 7, 4])
    >>> p, q = root.left, root.right
    >>> lc236_lowest_common_ancestor(root, p, q).val, lc236_lowest_common_ancestor(root, p, p.right.right).val
    (3, 5)
    """
    if root is None or root is p or root is q:
        return root  # 遇到 p 或 q 就返回:另一个若在它下面,它本身就是 LCA
    left = lc236_lowest_common_ancestor(root.left, p, q)
    right = lc236_lowest_common_ancestor(root.right, p, q)
    if left is not None and right is not None:
        return root
    return left if left is not None else right
# --8<-- [end:lc236]


# --8<-- [start:lc124]
def lc124_max_path_sum(root: TreeNode) -> int:
    """递归返回"从该结点向下的单边最大和"(负数贡献取 0),在当前结点拼成"左 + 根 + 右"更新答案。O(n)。

    >>> lc124_max_path_sum(T([1, 2, 3])), lc124_max_path_sum(T([-10, 9, 20, None, None, 15, 7])), lc124_max_path_sum(T([-3]))
    (6, 42, -3)
    """
    best = root.val  # 至少含一个结点:全负时答案是最大的那个负数,不能初始化为 0

    def gain(node: TreeNode | None) -> int:
        nonlocal best
        if node is None:
            return 0
        left = max(gain(node.left), 0)
        right = max(gain(node.right), 0)
        best = max(best, node.val + left + right)  # 拐点在 node 的路径
        return node.val + max(left, right)  # 向上只能带一条边

    gain(root)
    return best
# --8<-- [end:lc124]
