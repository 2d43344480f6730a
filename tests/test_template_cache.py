"""Compiled templates kept on disk: a later build reads them instead of compiling again; where the
user has no cache folder, nothing is kept."""

from jinja2 import Environment, FileSystemLoader

from reforms.site.template_cache import CompiledTemplates


def environment(templates, cache_dir, **settings):
    """An environment as a new process makes it: nothing in memory, the cache folder on disk."""
    env = Environment(loader=FileSystemLoader(str(templates)), bytecode_cache=CompiledTemplates(lambda: cache_dir), **settings)
    compiled = []
    compile_source = env.compile
    env.compile = lambda *args, **kwargs: compiled.append(args[1]) or compile_source(*args, **kwargs)
    return env, compiled


def folders(tmp_path, name, text):
    """A templates folder holding one template, and an empty cache folder beside it."""
    templates, cache_dir = tmp_path / "templates", tmp_path / "cache"
    templates.mkdir(), cache_dir.mkdir()
    (templates / name).write_text(text, encoding="utf-8")
    return templates, cache_dir


def test_a_later_process_reads_the_compiled_template_and_compiles_it_again_once_its_source_changed(tmp_path):
    templates, cache_dir = folders(tmp_path, "page.md.j2", "# {{ title }}\n")

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
    templates, cache_dir = folders(tmp_path, "page.md.j2", "# {{ title }}\n")
    cache_dir.rmdir()
    cache_dir.write_text("", encoding="utf-8")  # a file where the folder should be: neither read nor written
    env, compiled = environment(templates, cache_dir)
    assert env.get_template("page.md.j2").render(title="部门") == "# 部门"
    assert compiled == ["page.md.j2"]


def test_an_environment_with_other_settings_compiles_the_template_for_itself(tmp_path):
    templates, cache_dir = folders(tmp_path, "list.md.j2", "{% for x in items %}\n  - {{ x }}\n{% endfor %}\n")
    trimmed, _ = environment(templates, cache_dir, trim_blocks=True, lstrip_blocks=True)
    assert trimmed.get_template("list.md.j2").render(items=["甲"]) == "  - 甲\n"
    plain, compiled = environment(templates, cache_dir)
    assert plain.get_template("list.md.j2").render(items=["甲"]) == "\n  - 甲\n"
    assert compiled == ["list.md.j2"]


def test_without_a_cache_folder_templates_are_compiled_as_before(tmp_path):
    templates, _ = folders(tmp_path, "page.md.j2", "# {{ title }}\n")
    env = Environment(loader=FileSystemLoader(str(templates)), bytecode_cache=CompiledTemplates(lambda: None))
    assert env.get_template("page.md.j2").render(title="区县") == "# 区县"


def test_a_user_without_a_home_directory_has_no_cache_folder_and_a_relative_one_is_ignored(monkeypatch):
    import pwd

    from reforms.site.user_cache import user_cache

    def unknown_user(uid):
        raise KeyError(uid)

    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")
    monkeypatch.delenv("HOME", raising=False)
    monkeypatch.setattr(pwd, "getpwuid", unknown_user)
    assert user_cache("templates") is None
