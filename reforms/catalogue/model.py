"""The catalogue's record kinds, declared once.

Validation, the JSON Schema for editors' IDEs, the export and the field reference in the
editors' guide all come from these models. Each field's ``description`` is the help an editor
reads. Unit fields (``lead``, ``partners``) hold the unit list exactly as published; the
resolver splits them into mentions and looks each one up in the department registry.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator
from pydantic_core import PydanticCustomError

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
URL_PATTERN = r"^https?://[^\s/?#]+[^\s]*$"
LINES_PATTERN = r"^[0-9]+(-[0-9]+)?$"
# A source text: a plain .txt file directly in catalogue/sources/, named like an id (it is published under that name).
SOURCE_PATTERN = r"^sources/[a-z0-9]+(-[a-z0-9]+)*\.txt$"

Jurisdiction = Literal["重庆市", "渝中区", "江津区", "九龙坡区"]
MeasureKind = Literal["list-item", "numbered-item", "work-paragraph"]

# How a measure's id is made from its document and number: yz2022-list-003, cq2021-05, jj2022-body-02.
MEASURE_ID_FORMATS: dict[str, str] = {
    "list-item": "{document}-list-{n:03d}",
    "numbered-item": "{document}-{n:02d}",
    "work-paragraph": "{document}-body-{n:02d}",
}


def measure_id(document: str, kind: str, n: int) -> str:
    return MEASURE_ID_FORMATS[kind].format(document=document, n=n)


MEASURE_KIND_LABELS: dict[str, str] = {
    "work-paragraph": "工作措施",
    "numbered-item": "任务条目",
    "list-item": "清单事项",
}


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, str_strip_whitespace=False)


def required_text(description: str, **kwargs) -> object:
    return Field(description=description, min_length=1, **kwargs)


def is_calendar_date(text: str) -> bool:
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def catalogue_rule(message: str, hint: str) -> PydanticCustomError:
    """A failed rule of the catalogue's own, said in Chinese; validation messages show it as is."""
    return PydanticCustomError("catalogue_rule", message, {"hint": hint})


LINE_BREAKS = {"\n": "换行", "\t": "制表符（Tab）"}


def on_one_line(value: str) -> str:
    """Names, titles and ids are one line: a line break or tab in them is a paste gone wrong."""
    for index, char in enumerate(value):
        if char in LINE_BREAKS:
            raise catalogue_rule(
                f"第 {index + 1} 个字符是{LINE_BREAKS[char]}，这个字段只能写一行",
                "删除换行或制表符；只有 text、preamble、notes、note、city_task 可以分行",
            )
    return value


# Text on one line, and text that may hold line breaks and tabs (C0/C1 control characters are
# refused in both when the YAML is read). Every text field has a length limit: about ten times
# the longest value in the catalogue, so that no pull request can make the build slow or huge.
Line = Annotated[str, AfterValidator(on_one_line)]
Text = str


def items(kind: object, limit: int) -> object:
    """The items of a list field: ``kind``, each at most ``limit`` characters."""
    return Annotated[kind, Field(max_length=limit)]


ID_LIMIT = 60

# The implementation status of an action, and when to use each word (the editors' guide explains them).
STATUSES: dict[str, str] = {
    "未报告": "来源和部门都没有报告过进展（缺省）",
    "推进中": "部门报告正在推进、尚未完成",
    "已完成": "部门报告已经完成，或方案印发时已标明“已完成”",
    "长期推进": "没有终点、持续开展的工作（方案标明“长期开展”“长期坚持”等）",
    "已调整": "举措的内容或时限被后来的文件或决定改变",
    "已终止": "举措被明确停止执行",
}
DEFAULT_STATUS = "未报告"
Status = Literal["未报告", "推进中", "已完成", "长期推进", "已调整", "已终止"]
EvidenceUrl = Annotated[str, Field(pattern=URL_PATTERN, max_length=500)]


class Action(Record):
    """One thing a measure promises, with who does it and by when."""

    text: Text = required_text("措施原文，与来源文件逐字一致（仅去除排版残留）", max_length=5000)
    lead: Line | None = Field(
        None, description="牵头单位，按原文照录（多个单位用原文的顿号或逗号分隔）；缺省时沿用所在小节的牵头单位", max_length=500
    )
    partners: Line | None = Field(
        None, description="配合单位或责任单位，按原文照录；缺省时沿用所在小节的配合/责任单位", max_length=1000
    )
    partners_label: Literal["配合单位", "责任单位"] | None = Field(
        None, description="原文对 partners 的称呼：配合单位 或 责任单位"
    )
    scope: Line | None = Field(None, description="适用范围，按原文照录", max_length=200)
    due: Line | None = Field(
        None, description="时间节点，按原文照录，如 2022年9月、已完成、2021年底前、长期坚持", max_length=100
    )
    status: Status | None = Field(
        None,
        description="实施状态：未报告（缺省）、推进中、已完成、长期推进、已调整、已终止；只记来源写明或部门公开报告的情况",
    )
    status_date: str | None = Field(
        None,
        description="状态的日期 YYYY-MM-DD（报告或来源的日期）；已完成 必填；不早于文件成文日期，不晚于今天",
        pattern=DATE_PATTERN,
    )
    status_note: Line | None = Field(
        None, description="状态说明：来源原话或报告要点，如 方案时间节点栏作“已完成”", max_length=1000
    )
    evidence: list[EvidenceUrl] = Field(
        default_factory=list, description="佐证：公开网页的链接，以 http:// 或 https:// 开头，可写几条", max_length=20
    )

    @field_validator("status_date")
    @classmethod
    def _a_real_status_day(cls, value: str | None) -> str | None:
        if value is not None and not is_calendar_date(value):
            raise catalogue_rule(f"日期 {value} 不存在", "核对状态日期：月份 01–12，日不超过当月天数")
        return value


class Measure(Record):
    """One measure: a table row, a numbered item or a numbered work paragraph."""

    id: str = Field(description="稳定标识，只含小写字母、数字和连字符，如 yz2022-list-003", pattern=ID_PATTERN, max_length=ID_LIMIT)
    document: str = Field(description="所属文件的 id", pattern=ID_PATTERN, max_length=ID_LIMIT)
    kind: MeasureKind = Field(
        description="措施类型：list-item 清单事项（附件表格的一行），numbered-item 任务条目（1．2．…），"
        "work-paragraph 工作措施（正文的（一）（二）…段落）"
    )
    number: Line = required_text("原文序号，如 3、12．、（一）", max_length=20)
    section: Line = required_text("所在章节标题，须与文件 outline 中的某一 heading 一致", max_length=200)
    subsection: Line | None = Field(None, description="所在小节标题，须与该章节 subsections 中的某一 heading 一致", max_length=200)
    title: Line = required_text("标题：改革事项、条目的小标题或段落的首句", max_length=500)
    city_task: Text | None = Field(None, description="九龙坡清单：对应的市级工作任务原文", max_length=2000)
    actions: list[Action] = Field(
        description="具体举措，至少一条；同一序号下各有牵头单位的多条举措分列", min_length=1, max_length=30
    )
    themes: list[items(Line, ID_LIMIT)] = Field(
        default_factory=list,
        description="主题 id：读过措施后按 catalogue/themes.yml 中各主题的 covers（涵盖）和 excludes（不含）填写；"
        "build.py themes 只给建议",
        max_length=20,
    )
    source_lines: str = Field(
        description="在来源文本中的行号范围，如 150-153", pattern=LINES_PATTERN, max_length=20
    )
    notes: list[items(Text, 1000)] = Field(
        default_factory=list, description="编者注：原文的错字、异常排版等，照录不改，在此说明", max_length=20
    )


class Subsection(Record):
    heading: Line = required_text("小节标题，如 （一）深化商事制度改革", max_length=200)
    lead: Line | None = Field(None, description="本小节各条目共同的牵头单位，按原文照录", max_length=500)
    partners: Line | None = Field(None, description="本小节各条目共同的配合/责任单位，按原文照录", max_length=1000)
    partners_label: Literal["配合单位", "责任单位"] | None = Field(None, description="原文对 partners 的称呼")
    text: Text | None = Field(None, description="不属于措施的小节正文（如总体要求、组织保障），按原文照录", max_length=10000)


class Section(Record):
    heading: Line = required_text("章节标题，如 一、总体要求", max_length=200)
    part: Literal["body", "attachment"] = Field(description="body 正文 / attachment 附件")
    text: Text | None = Field(None, description="不属于措施的章节正文，按原文照录", max_length=10000)
    subsections: list[Subsection] = Field(default_factory=list, description="小节", max_length=50)


class Document(Record):
    """One published policy document, the source of a set of measures."""

    id: str = Field(description="文件标识，如 yz2022", pattern=ID_PATTERN, max_length=ID_LIMIT)
    title: Line = required_text("文件全称", max_length=200)
    short_title: Line = required_text("简称，用于表格和导航", max_length=40)
    issuer: list[items(Line, 100)] = Field(description="发文机关，一个或多个", min_length=1, max_length=10)
    number: Line | None = Field(None, description="文号，如 渝中府发〔2022〕31号；无文号的留空", max_length=50)
    date: str | None = Field(None, description="成文日期 YYYY-MM-DD；原文无日期的留空", pattern=DATE_PATTERN)
    level: Literal["市级", "区级"] = Field(description="市级 或 区级")
    jurisdiction: Jurisdiction = Field(description="行政区划：重庆市、渝中区、江津区、九龙坡区")
    source: str = Field(
        description="来源文本：catalogue/sources/ 中的 .txt 纯文本文件，文件名只用小写字母、数字和连字符，"
        "写成 sources/文件名.txt，如 sources/yuzhong-2022-pilot.txt",
        pattern=SOURCE_PATTERN,
        max_length=100,
    )
    url: str | None = Field(
        None,
        description="原文链接：发布该文件的政府网站网页，以 http:// 或 https:// 开头；没有的留空",
        pattern=URL_PATTERN,
        max_length=500,
    )
    disclosure: Line | None = Field(
        None, description="公开方式，按原文所印照录，如 此件公开发布；原文未印的留空", max_length=100
    )
    validity: Literal["有效", "失效", "废止"] | None = Field(
        None, description="有效性，以发布网站的标注为准：有效、失效 或 废止；没有标注的留空"
    )
    preamble: Text | None = Field(None, description="正文开头的引言，按原文照录", max_length=5000)
    layouts: list[Literal["prose", "tab-rows", "cell-lines", "wrapped-table"]] = Field(
        description="导入时使用的版式：prose 正文（编号段落、条目），tab-rows 制表符分隔的表格，"
        "cell-lines 每格一行的表格，wrapped-table PDF 中单元格折行的表格",
        min_length=1,
        max_length=4,
    )
    outline: list[Section] = Field(description="文件结构：章节及其小节（由导入器生成）", min_length=1, max_length=100)
    attachment_title: Line | None = Field(
        None,
        description="附件的标题，按原文照录，如 首批营商环境创新试点改革事项清单；没有附件或附件无标题的留空",
        max_length=200,
    )
    notes: list[items(Text, 1000)] = Field(default_factory=list, description="编者注", max_length=20)

    @field_validator("date")
    @classmethod
    def _a_real_day(cls, value: str | None) -> str | None:
        if value is not None and not is_calendar_date(value):
            raise catalogue_rule(f"日期 {value} 不存在", "核对原文的成文日期：月份 01–12，日不超过当月天数")
        return value


class Department(Record):
    """A unit that can lead or support a measure, or a group of units named as one mention."""

    id: str = Field(description="部门标识，如 yuzhong-scjgj", pattern=ID_PATTERN, max_length=ID_LIMIT)
    name: Line = required_text("规范名称，如 渝中区市场监管局", max_length=100)
    jurisdiction: Jurisdiction = Field(description="所属行政区划")
    kind: Line = required_text("部门类别，跨区共用，如 市场监管局；用于跨区比较", max_length=50)
    aliases: list[items(Line, 100)] = Field(description="在文件中出现过的各种写法，原文照录；区县的部门还须有本区文件惯用的简称（区…，如 区市场监管局）", min_length=1, max_length=50)
    group: bool = Field(False, description="true 表示这是对一类单位的统称（如 各镇街），不是单个部门")


class Reform(Record):
    """One reform carried out in several documents: the measures of each document that carry it."""

    id: str = Field(description="改革标识，如 r012；也是文件名和对照页网址的一部分", pattern=ID_PATTERN, max_length=ID_LIMIT)
    name: Line = required_text("改革的简称，各文件共同的叫法，如 “一照多址”改革", max_length=200)
    themes: list[items(Line, ID_LIMIT)] = Field(
        default_factory=list,
        description="主题 id，见 catalogue/themes.yml；缺省时取其各措施主题的并集。各文件措施的主题因原文不同而不同时，"
        "写明改革本身的主题，并在 themes_note 中说明",
        max_length=20,
    )
    measures: list[items(Line, ID_LIMIT)] = Field(
        description="承载这项改革的措施 id，至少两条、来自至少两份文件，一份文件可有几条；"
        "一条内容宽泛的措施可同时属于几项改革",
        json_schema_extra={"minItems": 2},
        max_length=200,
    )
    note: Text | None = Field(None, description="编者注，如各地措辞的差异", max_length=1000)
    themes_note: Text | None = Field(
        None,
        description="主题说明：各文件的措施主题不同时，写明是原文的哪些差异使然（同时在 themes 中写明改革本身的主题）；"
        "没有说明的差异在检查中报为标注不一致",
        max_length=1000,
    )

    @field_validator("measures")
    @classmethod
    def _more_than_one(cls, value: list[str]) -> list[str]:
        if len(value) < 2:
            raise catalogue_rule(
                f"一项改革至少要有两条措施，这里只有 {len(value)} 条",
                "加上另一份文件中承载同一改革的措施；只见于一份文件的措施不需要改革记录，可删除本文件",
            )
        return value


class Dismissal(Record):
    """Two measures an editor read and found not to be the same reform: ``build.py suggest`` skips them."""

    measures: list[items(Line, ID_LIMIT)] = Field(description="两条措施的 id", min_length=2, max_length=2)
    reason: Text = required_text("为什么不是同一改革，如 一条讲网上办理，一条讲窗口服务", max_length=1000)


class SynonymGroup(Record):
    """Words a reader may type for the same thing: a search for one also finds the others."""

    words: list[items(Line, 50)] = Field(
        description="同一事物的几种说法，如 一网通办、一网通；搜索其中一个也找含其他说法的措施", min_length=2, max_length=20
    )
    note: Text | None = Field(None, description="编者注：为什么这几种说法指同一回事", max_length=500)


class Theme(Record):
    """A theme: one indicator of the business-environment evaluation, or a topic the documents need."""

    id: str = Field(description="主题标识，如 kaiban-qiye", pattern=ID_PATTERN, max_length=ID_LIMIT)
    name: Line = required_text("主题名称，如 开办企业", max_length=50)
    indicator: bool = Field(description="true 表示是营商环境评价的指标，false 表示文件需要的补充主题")
    covers: Text = required_text("涵盖：这一主题包括哪些事项；标注措施的主题以此为准，显示在主题页上", max_length=2000)
    excludes: Text = required_text("不含：容易误标而不属于这一主题的内容，注明应归哪个主题；显示在主题页上", max_length=2000)
    keywords: list[items(Line, 50)] = Field(
        default_factory=list, description="关键词：build.py themes 据此提出主题建议供编辑参考，不会写入措施", max_length=200
    )
