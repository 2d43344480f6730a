"""The command line: ``python build.py [build|serve|validate|export|import|schema|diff|new|suggest|…]`` (no command: build)."""

from __future__ import annotations

import argparse
import gc
import json
import os
import signal
import sys
import time
from pathlib import Path

from reforms.catalogue.load import CATALOGUE_DIR, display_path, load_catalogue
from reforms.catalogue.resolve import Resolved, resolve
from reforms.catalogue.validate import check_catalogue
from reforms.catalogue.yamlio import Problem, YamlError
from reforms.collector import young_only
from reforms.editors.suggest import THRESHOLD

# The site for reading from disk (file://): Material's offline plugin turns off directory URLs, so
# that every link names its index.html; our search loads its index as a script, which works there.
OFFLINE_BUILD = {"plugins": ["offline"]}


def load_and_check(root: Path, cache: dict | None = None) -> tuple[Resolved | None, list[Problem]]:
    """Load → validate → resolve; every problem of every file, sorted by file and position."""
    with young_only():
        catalogue, problems = load_catalogue(root, cache)
        problems += check_catalogue(catalogue)
        resolved, resolve_problems = resolve(catalogue)
    problems += resolve_problems
    problems.sort(key=Problem.sort_key)
    return (None if problems else resolved), problems


def report_problems(problems: list[Problem], output_format: str = "text") -> None:
    if output_format == "json":
        print(json.dumps([p.__dict__ for p in problems], ensure_ascii=False, indent=1))
        return
    for problem in problems:
        print(problem.format(), file=sys.stderr)
    if os.environ.get("GITHUB_ACTIONS"):
        for p in problems:
            message = annotation_text(f"{p.field}: {p.message} —— {p.hint}")
            print(f"::error file={annotation_text(p.file, True)},line={p.line},col={p.column}::{message}")
    if problems:
        print(f"\n共 {len(problems)} 个问题，未生成任何文件。", file=sys.stderr)


def annotation_text(text: str, is_property: bool = False) -> str:
    """Text for a GitHub workflow command: nothing in it can end the command or start another."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if is_property else text


def command_validate(args: argparse.Namespace) -> int:
    resolved, problems = load_and_check(args.catalogue)
    report_problems(problems, args.format)
    if resolved is not None and args.format == "text":
        print(f"校验通过：{len(resolved.documents)} 个文件，{len(resolved.measures)} 条措施，{len(resolved.departments)} 个部门，{len(resolved.reforms)} 项跨文件改革。")
    return 1 if problems else 0


def command_export(args: argparse.Namespace) -> int:
    from reforms.catalogue.export import export_catalogue, write_json

    resolved, problems = load_and_check(args.catalogue)
    report_problems(problems)
    if resolved is None:
        return 1
    write_json(export_catalogue(resolved), args.json)
    print(f"已写出 {args.json}")
    return 0


def command_import(args: argparse.Namespace) -> int:
    from reforms.editors.importer.run import import_document

    try:
        report = import_document(args.catalogue, args.document, overwrite=args.overwrite)
    except (OSError, KeyError, ValueError, YamlError) as error:
        print(f"导入 {args.document} 失败：{error}", file=sys.stderr)
        print("请检查 catalogue/documents/ 中该文件的 source 与 layouts，以及来源文本的版式。", file=sys.stderr)
        return 1
    print(f"{report.document}: 写出 {report.measures_written} 条措施，保留已有 {report.measures_kept} 条。")
    if report.findings:
        print(f"需要人工核对的地方（{len(report.findings)} 处）：")
        for finding in sorted(report.findings, key=lambda f: f.line):
            print(f"  第 {finding.line} 行：{finding.message}")
    return 0


def command_themes(args: argparse.Namespace) -> int:
    from reforms.catalogue.theme_agreement import theme_disagreements
    from reforms.editors.themes import render_suggestions, select_measures

    if args.write:
        print("主题建议只供参考，不会写入措施文件：请读过措施，按 catalogue/themes.yml 中各主题的 covers 和 excludes "
              "在措施的 themes: 中填写。", file=sys.stderr)
        return 2
    resolved, problems = load_and_check(args.catalogue)
    report_problems(problems)
    if resolved is None:
        return 1
    measures, unknown = select_measures([m.measure for m in resolved.measures], args.targets)
    for name in unknown:
        print(f"没有 id 为 {name} 的措施或文件。", file=sys.stderr)
    if unknown:
        return 1
    if not measures:
        print("所有措施都已填写主题，没有需要建议的措施；要看某条措施或某个文件的建议，把它的 id 写在命令后。")
    else:
        print("\n".join(render_suggestions(measures, resolved.themes)))
        print(f"\n以上是按关键词给出的建议（{len(measures)} 条措施），没有写入任何文件；关键词不辨词义，"
              "请读过措施，按 catalogue/themes.yml 中各主题的 covers 和 excludes 决定 themes:。")
    names = {t.id: t.name for t in resolved.themes}
    disagreements = theme_disagreements(resolved.reforms)
    print("\n" + ("\n".join(d.describe(names) for d in disagreements) if disagreements else "各项改革在各文件中的主题一致。"))
    if disagreements:
        print("同一改革各文件的主题应当相同：改正措施的主题；确因原文不同，在改革记录中写明 themes（改革本身的主题）和 themes_note。")
    return 0


def command_schema(args: argparse.Namespace) -> int:
    from reforms.catalogue.schema import write_schemas

    for path in write_schemas():
        print(f"已写出 {path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path}")
    return 0


def command_build(args: argparse.Namespace) -> int:
    from reforms.site.build_site import DOCS_DIR, SITE_DIR, BuildError, publish, site_staging, stage_site
    from reforms.site.output import forbidden_site_dir

    offline = getattr(args, "offline", False)
    site_dir = getattr(args, "site_dir", None) or (SITE_DIR.with_name("site-offline") if offline else SITE_DIR)
    refused = forbidden_site_dir(site_dir, args.catalogue, DOCS_DIR)
    if refused:
        print(f"{refused}。请用 --site-dir 指定一个新的或空的文件夹；什么也没有改动。", file=sys.stderr)
        return 1
    resolved, problems = load_and_check(args.catalogue)
    report_problems(problems)
    if resolved is None:
        return 1
    built = f"{len(resolved.measures)} 条措施，{len(resolved.departments)} 个部门"
    started = time.perf_counter()
    try:  # build_site's steps, with the catalogue let go before MkDocs runs: at 50,000 measures it holds 0.6 GB
        with site_staging(site_dir, args.catalogue) as staging:
            pages = stage_site(staging, resolved, args.catalogue)
            del resolved
            gc.collect()
            publish(staging, pages, site_dir, args.catalogue, **(OFFLINE_BUILD if offline else {}))
    except (BuildError, OSError) as error:
        print(f"{error}\n站点未生成，{site_dir} 保持不变。", file=sys.stderr)
        return 1
    print(f"已生成站点 {site_dir}：{built}，用时 {time.perf_counter() - started:.1f} 秒。")
    return 0


def command_serve(args: argparse.Namespace) -> int:
    from reforms.site.serve import serve_site

    serve_site(args.catalogue, load_and_check, dev_addr=args.dev_addr)
    return 0


def command_diff(args: argparse.Namespace) -> int:
    from reforms.editors.diff import diff_markdown
    from reforms.editors.gitref import GitRefError

    try:
        print(diff_markdown(args.catalogue, args.base), end="")
    except GitRefError as error:
        print(f"无法与 {args.base} 比较：{error}", file=sys.stderr)
        return 2
    return 0


def command_suggest(args: argparse.Namespace) -> int:
    from reforms.editors import confirm, suggest

    catalogue, problems = load_catalogue(args.catalogue)
    if problems:
        report_problems(problems)
        return 1
    try:
        if args.confirm:
            print(f"已写入 {display_path(confirm.confirm(catalogue, *args.confirm, name=args.name), catalogue.root)}")
        elif args.dismiss:
            written = confirm.dismiss(catalogue, *args.dismiss, reason=args.reason or "")
            print(f"已记入 {display_path(written, catalogue.root)}")
        else:
            found = suggest.candidates(catalogue, args.threshold, set(args.document or ()))
            for candidate in found[: args.limit]:
                print(suggest.format_candidate(candidate))
            print(f"共 {len(found)} 对候选（相似度 ≥ {args.threshold}），列出 {min(len(found), args.limit)} 对。")
    except confirm.DecisionError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


def command_fieldref(args: argparse.Namespace) -> int:
    from reforms.editors.fieldref import CONTRIBUTING, write_field_reference

    changed = write_field_reference(CONTRIBUTING)
    print(f"{'已更新' if changed else '无需更新'} {CONTRIBUTING.name} 中的字段参考")
    return 0


def command_new(args: argparse.Namespace) -> int:
    from reforms.editors.scaffold import ScaffoldError, create_measure

    try:
        path = create_measure(args.catalogue, args.document, args.kind)
    except ScaffoldError as error:
        print(error, file=sys.stderr)
        return 1
    print(path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path)
    print("填写其中标为（必填）的空字段，再运行 python build.py validate", file=sys.stderr)
    return 0


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="build.py", description="营商环境改革措施目录：校验、导入、导出与生成站点")
    main.add_argument("--catalogue", type=Path, default=CATALOGUE_DIR, help="目录数据所在文件夹（默认 catalogue/）")
    commands = main.add_subparsers(dest="command")
    validate = commands.add_parser("validate", help="校验全部记录，列出所有问题")
    validate.add_argument("--format", choices=["text", "json"], default="text", help="输出格式")
    validate.set_defaults(run=command_validate)
    export = commands.add_parser("export", help="导出数据")
    export.add_argument("--json", type=Path, required=True, help="JSON 文件路径")
    export.set_defaults(run=command_export)
    importer = commands.add_parser("import", help="从来源文本生成某文件的措施草稿")
    importer.add_argument("document", help="文件 id（catalogue/documents/<id>.yml 须已存在）")
    importer.add_argument("--overwrite", action="store_true", help="覆盖已有的措施文件")
    importer.set_defaults(run=command_import)
    themes = commands.add_parser("themes", help="按关键词为措施建议主题，供编辑核对（不写入文件）")
    themes.add_argument("targets", nargs="*", help="措施 id 或文件 id（默认：所有还没有主题的措施）")
    themes.add_argument("--write", action="store_true", help=argparse.SUPPRESS)
    themes.set_defaults(run=command_themes)
    schema = commands.add_parser("schema", help="由记录模型生成 JSON Schema（schemas/，供编辑器使用）")
    schema.set_defaults(run=command_schema)
    diff = commands.add_parser("diff", help="与某个 git 版本相比，目录有哪些变化（Markdown，供 PR 评论）")
    diff.add_argument("base", help="git 版本，如 origin/main")
    diff.set_defaults(run=command_diff)
    new = commands.add_parser("new", help="为某文件新建下一条措施（所有字段就位，附字段说明）")
    new.add_argument("document", help="文件 id，如 yz2022")
    new.add_argument("--kind", choices=["list-item", "numbered-item", "work-paragraph"], help="措施类型（默认：该文件最多的类型）")
    new.set_defaults(run=command_new)
    suggest = commands.add_parser(
        "suggest", help="列出可能是同一改革、但尚未归入同一改革记录的两条措施（按文字相似度排序），并确认或排除"
    )
    suggest.add_argument("--threshold", type=float, default=THRESHOLD, help=f"相似度下限，0 到 1（默认 {THRESHOLD}）")
    suggest.add_argument("--limit", type=int, default=50, help="最多列出几对（默认 50）")
    suggest.add_argument("--document", action="append", help="只看这几份文件之间的候选（可重复）")
    suggest.add_argument("--confirm", nargs=2, metavar="MEASURE", help="确认两条措施是同一改革，写入改革记录")
    suggest.add_argument("--name", help="与 --confirm 同用：新改革记录的简称（默认取第一条措施的标题）")
    suggest.add_argument("--dismiss", nargs=2, metavar="MEASURE", help="排除这一对，记入 catalogue/dismissed.yml")
    suggest.add_argument("--reason", help="与 --dismiss 同用：为什么不是同一改革")
    suggest.set_defaults(run=command_suggest)
    fieldref = commands.add_parser("fieldref", help="由记录模型重新生成 CONTRIBUTING.md 中的字段参考")
    fieldref.set_defaults(run=command_fieldref)
    build = commands.add_parser("build", help="校验并生成站点到 site/（不带子命令时的默认操作）")
    build.add_argument("--site-dir", type=Path, default=None, help="站点输出目录（默认 site/；加 --offline 时默认 site-offline/）")
    build.add_argument(
        "--offline", action="store_true", help="生成可直接从磁盘打开（file://）的站点，如部门内网或光盘：页面地址以 index.html 结尾，搜索同样可用"
    )
    build.set_defaults(run=command_build)
    serve = commands.add_parser("serve", help="生成站点并在本地预览，修改 catalogue/ 后自动重新生成")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", help="预览地址（默认 127.0.0.1:8000）")
    serve.set_defaults(run=command_serve)
    return main


def interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt  # SIGTERM ends a build as Ctrl-C does: through its clean-up


def main(argv: list[str] | None = None) -> int:
    signal.signal(signal.SIGTERM, interrupt)
    args = parser().parse_args(argv)
    try:
        return (args.run if args.command else command_build)(args)
    except KeyboardInterrupt:
        print("\n已中断；原有站点保持不变，临时文件已删除。", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `build.py validate | head`: the reader left; say nothing more
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
