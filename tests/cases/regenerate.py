"""Rewrite the expected messages of every invalid case from the current validator's output.

Run after a deliberate change to the messages, then read the diff before committing.
Names given as arguments (``regenerate.py bom tab-indent``) limit it to those cases.
"""

import sys
import tempfile
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).parents[1]))
from test_invalid_cases import CASES, apply_case, problem_lines, validate_here  # noqa: E402


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(
    str, lambda d, v: d.represent_scalar("tag:yaml.org,2002:str", v, style="|" if "\n" in v else None)
)

for case_file in [c for c in CASES if not sys.argv[1:] or c.stem in sys.argv[1:]]:
    case = yaml.safe_load(case_file.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        case["expected"] = problem_lines(validate_here(apply_case(case, Path(tmp))).stderr)
    text = yaml.dump(case, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10**6)
    case_file.write_text(text, encoding="utf-8")
    print(f"{case_file.name}: {len(case['expected'])} message(s)")
