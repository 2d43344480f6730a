"""The ``./dev`` script as a newcomer meets it: help on request, a clear refusal of anything else."""

import subprocess
from pathlib import Path

ROOT = Path(__file__).parent.parent


def dev(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(ROOT / "dev"), *args], capture_output=True, text=True, cwd=ROOT)


def test_help_lists_the_commands_and_nothing_else():
    for args in ((), ("help",), ("--help",), ("-h",)):
        result = dev(*args)
        assert result.returncode == 0, args
        lines = result.stdout.splitlines()
        assert lines[0] == "用法："
        assert [line.split()[:2] for line in lines[1:]] == [["./dev", "site"], ["./dev", "test"], ["./dev", "help"]]


def test_an_unknown_command_is_named_and_fails():
    result = dev("biuld")
    assert result.returncode == 2
    assert "biuld" in result.stderr and "./dev site" in result.stderr
    assert result.stdout == ""
