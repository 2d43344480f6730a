"""The catalogue's record kinds, declared once.

Validation, the JSON Schema for editors' IDEs, the export and the field reference in the
editors' guide all come from these models. Each field's ``description`` is the help an editor
reads. Unit fields (``lead``, ``partners``) hold the unit list exactly as published; the
resolver splits them into mentions and looks each one up in the department registry.
"""

from __future__ import annotations

import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator
from pydantic_core import PydanticCustomError

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
URL_PATTERN = r"^https?://[^\s/?#]+[^\s]*$"
LINES_PATTERN = r"^[0-9]+(-[0-9]+)?$"

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


class Action(Record):
    """One thing a measure promises, with who does it and by when."""

    text: str = required_text("措施原文，与来源文件逐字一致（仅去除排版残留）")
    lead: str | None = Field(
        None, description="牵头单位，按原文照录（多个单位用原文的顿号或逗号分隔）；缺省时沿用所在小节的牵头单位"
    )
    partners: str | None = Field(
        None, description="配合单位或责任单位，按原文照录；缺省时沿用所在小节的配合/责任单位"
    )
    partners_label: Literal["配合单位", "责任单位"] | None = Field(
        None, description="原文对 partners 的称呼：配合单位 或 责任单位"
    )
    scope: str | None = Field(None, description="适用范围，按原文照录")
    due: str | None = Field(
        None, description="时间节点，按原文照录，如 2022年9月、已完成、2021年底前、长期坚持"
    )


class Measure(Record):
    """One measure: a table row, a numbered item or a numbered work paragraph."""

    id: str = Field(description="稳定标识，只含小写字母、数字和连字符，如 yz2022-list-003", pattern=ID_PATTERN)
    document: str = Field(description="所属文件的 id", pattern=ID_PATTERN)
    kind: MeasureKind = Field(
        description="措施类型：list-item 清单事项（附件表格的一行），numbered-item 任务条目（1．2．…），"
        "work-paragraph 工作措施（正文的（一）（二）…段落）"
    )
    number: str = required_text("原文序号，如 3、12．、（一）")
    section: str = required_text("所在章节标题，须与文件 outline 中的某一 heading 一致")
    subsection: str | None = Field(None, description="所在小节标题，须与该章节 subsections 中的某一 heading 一致")
    title: str = required_text("标题：改革事项、条目的小标题或段落的首句")
    city_task: str | None = Field(None, description="九龙坡清单：对应的市级工作任务原文")
    actions: list[Action] = Field(description="具体举措，至少一条；同一序号下各有牵头单位的多条举措分列", min_length=1)
    themes: list[str] = Field(
        default_factory=list,
        description="主题 id：读过措施后按 catalogue/themes.yml 中各主题的 covers（涵盖）和 excludes（不含）填写；"
        "build.py themes 只给建议",
    )
    source_lines: str = Field(
        description="在来源文本中的行号范围，如 150-153", pattern=LINES_PATTERN
    )
    notes: list[str] = Field(default_factory=list, description="编者注：原文的错字、异常排版等，照录不改，在此说明")


class Subsection(Record):
    heading: str = required_text("小节标题，如 （一）深化商事制度改革")
    lead: str | None = Field(None, description="本小节各条目共同的牵头单位，按原文照录")
    partners: str | None = Field(None, description="本小节各条目共同的配合/责任单位，按原文照录")
    partners_label: Literal["配合单位", "责任单位"] | None = Field(None, description="原文对 partners 的称呼")
    text: str | None = Field(None, description="不属于措施的小节正文（如总体要求、组织保障），按原文照录")


class Section(Record):
    heading: str = required_text("章节标题，如 一、总体要求")
    part: Literal["body", "attachment"] = Field(description="body 正文 / attachment 附件")
    text: str | None = Field(None, description="不属于措施的章节正文，按原文照录")
    subsections: list[Subsection] = Field(default_factory=list, description="小节")


class Document(Record):
    """One published policy document, the source of a set of measures."""

    id: str = Field(description="文件标识，如 yz2022", pattern=ID_PATTERN)
    title: str = required_text("文件全称")
    short_title: str = required_text("简称，用于表格和导航")
    issuer: list[str] = Field(description="发文机关，一个或多个", min_length=1)
    number: str | None = Field(None, description="文号，如 渝中府发〔2022〕31号；无文号的留空")
    date: str | None = Field(None, description="成文日期 YYYY-MM-DD；原文无日期的留空", pattern=DATE_PATTERN)
    level: Literal["市级", "区级"] = Field(description="市级 或 区级")
    jurisdiction: Jurisdiction = Field(description="行政区划：重庆市、渝中区、江津区、九龙坡区")
    source: str = Field(description="来源文本路径，相对于 catalogue/，如 sources/yuzhong-2022-pilot.txt")
    url: str | None = Field(
        None, description="原文链接：发布该文件的政府网站网页，以 http:// 或 https:// 开头；没有的留空", pattern=URL_PATTERN
    )
    disclosure: str | None = Field(None, description="公开方式，按原文所印照录，如 此件公开发布；原文未印的留空")
    validity: Literal["有效", "失效", "废止"] | None = Field(
        None, description="有效性，以发布网站的标注为准：有效、失效 或 废止；没有标注的留空"
    )
    preamble: str | None = Field(None, description="正文开头的引言，按原文照录")
    layouts: list[Literal["prose", "tab-rows", "cell-lines", "wrapped-table"]] = Field(
        description="导入时使用的版式：prose 正文（编号段落、条目），tab-rows 制表符分隔的表格，"
        "cell-lines 每格一行的表格，wrapped-table PDF 中单元格折行的表格",
        min_length=1,
    )
    outline: list[Section] = Field(description="文件结构：章节及其小节（由导入器生成）", min_length=1)
    attachment_title: str | None = Field(
        None, description="附件的标题，按原文照录，如 首批营商环境创新试点改革事项清单；没有附件或附件无标题的留空"
    )
    notes: list[str] = Field(default_factory=list, description="编者注")

    @field_validator("date")
    @classmethod
    def _a_real_day(cls, value: str | None) -> str | None:
        if value is not None and not is_calendar_date(value):
            raise catalogue_rule(f"日期 {value} 不存在", "核对原文的成文日期：月份 01–12，日不超过当月天数")
        return value


class Department(Record):
    """A unit that can lead or support a measure, or a group of units named as one mention."""

    id: str = Field(description="部门标识，如 yuzhong-scjgj", pattern=ID_PATTERN)
    name: str = required_text("规范名称，如 渝中区市场监管局")
    jurisdiction: Jurisdiction = Field(description="所属行政区划")
    kind: str = required_text("部门类别，跨区共用，如 市场监管局；用于跨区比较")
    aliases: list[str] = Field(description="在文件中出现过的各种写法，原文照录", min_length=1)
    group: bool = Field(False, description="true 表示这是对一类单位的统称（如 各镇街），不是单个部门")


class Reform(Record):
    """One reform carried out in several documents: the measures of each document that carry it."""

    id: str = Field(description="改革标识，如 r012；也是文件名和对照页网址的一部分", pattern=ID_PATTERN)
    name: str = required_text("改革的简称，各文件共同的叫法，如 “一照多址”改革")
    themes: list[str] = Field(
        default_factory=list, description="主题 id，见 catalogue/themes.yml；缺省时取其各措施主题的并集"
    )
    measures: list[str] = Field(
        description="承载这项改革的措施 id，至少两条、来自至少两份文件，一份文件可有几条；"
        "一条内容宽泛的措施可同时属于几项改革",
        json_schema_extra={"minItems": 2},
    )
    note: str | None = Field(None, description="编者注，如各地措辞的差异")

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

    measures: list[str] = Field(description="两条措施的 id", min_length=2, max_length=2)
    reason: str = required_text("为什么不是同一改革，如 一条讲网上办理，一条讲窗口服务")


class Theme(Record):
    """A theme: one indicator of the business-environment evaluation, or a topic the documents need."""

    id: str = Field(description="主题标识，如 kaiban-qiye", pattern=ID_PATTERN)
    name: str = required_text("主题名称，如 开办企业")
    indicator: bool = Field(description="true 表示是营商环境评价的指标，false 表示文件需要的补充主题")
    covers: str = required_text("涵盖：这一主题包括哪些事项；标注措施的主题以此为准，显示在主题页上")
    excludes: str = required_text("不含：容易误标而不属于这一主题的内容，注明应归哪个主题；显示在主题页上")
    keywords: list[str] = Field(
        default_factory=list, description="关键词：build.py themes 据此提出主题建议供编辑参考，不会写入措施"
    )
