"""Hot 100 的完整性:题号清单与 shared 清单一致;每个题号都有题解、测试和所在分组页面。"""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "docs" / "code" / "src"
PAGES = ROOT / "docs" / "code" / "hot100"

# 17 组,顺序与力扣"热题 100"学习计划一致;键是模块名 / 页面名的后缀
GROUPS: dict[str, list[int]] = {
    "hash": [1, 49, 128],
    "two_pointers": [283, 11, 15, 42],
    "sliding_window": [3, 438],
    "substring": [560, 239, 76],
    "array": [53, 56, 189, 238, 41],
    "matrix": [73, 54, 48, 240],
    "linked_list": [160, 206, 234, 141, 142, 21, 2, 19, 24, 25, 138, 148, 23, 146],
    "binary_tree": [94, 104, 226, 101, 543, 102, 108, 98, 230, 199, 114, 105, 437, 236, 124],
    "graph": [200, 994, 207, 208],
    "backtracking": [46, 78, 17, 39, 22, 79, 131, 51],
    "binary_search": [35, 74, 34, 33, 153, 4],
    "stack": [20, 155, 394, 739, 84],
    "heap": [215, 347, 295],
    "greedy": [121, 55, 45, 763],
    "dp": [70, 118, 198, 279, 322, 139, 300, 152, 416, 32],
    "multi_dp": [62, 64, 5, 1143, 72],
    "tricks": [136, 169, 75, 31, 287],
}
SOLUTION = re.compile(r"^(?:def |class )?[lL]c(\d+)[_A-Z]", re.MULTILINE)
TEST = re.compile(r"^def test_lc(\d+)_", re.MULTILINE)


def _numbers(pattern: re.Pattern, paths) -> set[int]:
    return {int(n) for path in paths for n in pattern.findall(path.read_text(encoding="utf-8"))}


def test_hot100_groups_list_exactly_one_hundred_problems():
    numbers = [n for group in GROUPS.values() for n in group]
    assert len(numbers) == len(set(numbers)) == 100


def test_hot100_every_group_module_defines_its_solutions():
    for group, numbers in GROUPS.items():
        module = SRC / f"hot100_{group}.py"
        found = _numbers(SOLUTION, [module])
        if group == "linked_list":
            found |= _numbers(SOLUTION, [SRC / "hot100_lru.py"])  # 146 单独成文件
        assert found == set(numbers), group


def test_hot100_every_number_has_a_named_test():
    tests = _numbers(TEST, (ROOT / "tests" / "code").glob("test_hot100_*.py"))
    assert {n for group in GROUPS.values() for n in group} - tests == set()


def test_hot100_every_number_appears_on_its_group_page():
    for group, numbers in GROUPS.items():
        page = (PAGES / f"{group.replace('_', '-')}.md").read_text(encoding="utf-8")
        headings = {int(n) for n in re.findall(r"^## (\d+)\. ", page, re.MULTILINE)}
        assert headings == set(numbers), group
