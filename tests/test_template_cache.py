"""Compiled templates kept on disk: a later build reads them instead of compiling again."""

from jinja2 import Environment, FileSystemLoader

from reforms.site.template_cache import CompiledTemplates


def environment(templates, cache_dir):
    """An environment as a new process makes it: nothing in memory, the cache folder on disk."""
    env = Environment(loader=FileSystemLoader(str(templates)), bytecode_cache=CompiledTemplates(lambda: cache_dir))
    compiled = []
    compile_source = env.compile
    env.compile = lambda *args, **kwargs: compiled.append(args[1]) or compile_source(*args, **kwargs)
    return env, compiled


def test_a_later_process_reads_the_compiled_template_and_compiles_it_again_once_its_source_changed(tmp_path):
    templates, cache_dir = tmp_path / "templates", tmp_path / "cache"
    templates.mkdir(), cache_dir.mkdir()
    (templates / "page.md.j2").write_text("# {{ title }}\n", encoding="utf-8")

    first, compiled = environment(templates, cache_dir)
    assert first.get_template("page.md.j2").render(title="措施") == "# 措施"
    assert compiled == ["page.md.j2"]

    later, compiled = environment(templates, cache_dir)
    assert later.get_template("page.md.j2").render(title="措施") == "# 措施"
    assert compiled == []

    (templates / "page.md.j2").write_text("## {{ title }}\n", encoding="utf-8")
    edited, compiled = environment(templates, cache_dir)
    assert edited.get_template("page.md.j2").render(title="措施") == "## 措施"
    assert compiled == ["page.md.j2"]


def test_a_cache_folder_that_cannot_be_written_costs_a_compilation_and_nothing_else(tmp_path):
    templates, cache_dir = tmp_path / "templates", tmp_path / "cache"
    templates.mkdir(), cache_dir.mkdir()
    (templates / "page.md.j2").write_text("# {{ title }}\n", encoding="utf-8")
    cache_dir.rmdir()
    cache_dir.write_text("", encoding="utf-8")  # a file where the folder should be: neither read nor written
    env, compiled = environment(templates, cache_dir)
    assert env.get_template("page.md.j2").render(title="部门") == "# 部门"
    assert compiled == ["page.md.j2"]
