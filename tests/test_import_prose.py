"""The body of each plan becomes sections and measures, word for word as published."""

import re
import unicodedata
from functools import cache
from pathlib import Path

import pytest

from reforms.catalogue.model import Measure
from reforms.editors.importer import ImportResult
from reforms.editors.importer.prose import import_prose

SOURCES = Path(__file__).parent.parent / "catalogue" / "sources"
SOURCE_FILES = {
    "cq2021": "chongqing-2021-fangguanfu.txt",
    "yz2021": "yuzhong-2021-fangguanfu.txt",
    "yz2022": "yuzhong-2022-pilot.txt",
    "jj2022": "jiangjin-2022-pilot.txt",
    "jlp2021": "jiulongpo-2021-yingshang.txt",
}
EXPECTED = {
    # doc id: (measure count, kind, id of the first measure)
    "cq2021": (54, "numbered-item", "cq2021-01"),
    "yz2021": (52, "numbered-item", "yz2021-01"),
    "yz2022": (10, "work-paragraph", "yz2022-body-01"),
    "jj2022": (10, "work-paragraph", "jj2022-body-01"),
    "jlp2021": (17, "work-paragraph", "jlp2021-body-01"),
}


def source_lines(doc_id: str) -> list[str]:
    return (SOURCES / SOURCE_FILES[doc_id]).read_text(encoding="utf-8").splitlines()


@cache
def imported(doc_id: str) -> ImportResult:
    return import_prose(doc_id, source_lines(doc_id))


def measure(measure_id: str) -> Measure:
    doc_id = measure_id.split("-")[0]
    return next(m for m in imported(doc_id).measures if m.id == measure_id)


def section(doc_id: str, heading: str):
    return next(s for s in imported(doc_id).sections if s.heading == heading)


def subsection(doc_id: str, section_heading: str, heading: str):
    return next(s for s in section(doc_id, section_heading).subsections if s.heading == heading)


def all_text_fields(result: ImportResult) -> list[str]:
    fields = [result.preamble]
    for s in result.sections:
        fields += [s.heading, s.text]
        for sub in s.subsections:
            fields += [sub.heading, sub.lead, sub.partners, sub.text]
    for m in result.measures:
        fields += [m.number, m.section, m.subsection, m.title, *m.notes]
        for a in m.actions:
            fields += [a.text, a.lead, a.partners]
    return [f for f in fields if f is not None]


def letters(text: str) -> str:
    """What the faithfulness check compares: no whitespace, punctuation, markdown or unit labels."""
    text = re.sub("牵头单位|责任单位|配合单位|#|\\*|\\+", "", text)
    return "".join(c for c in text if not c.isspace() and not unicodedata.category(c).startswith("P"))


def published_text(doc_id: str, line_range: str) -> str:
    """The lines a record cites, without page headers and rules."""
    first, _, last = line_range.partition("-")
    lines = source_lines(doc_id)[int(first) - 1 : int(last or first)]
    return "".join(line for line in lines if "人民政府行政规范性文件" not in line and line.strip() != "---")


# --- counts and numbering ----------------------------------------------------------------------


@pytest.mark.parametrize("doc_id", EXPECTED)
def test_each_document_yields_its_measures_numbered_without_gaps(doc_id):
    count, kind, first_id = EXPECTED[doc_id]
    measures = imported(doc_id).measures
    assert len(measures) == count
    assert {m.kind for m in measures} == {kind}
    assert measures[0].id == first_id
    prefix = first_id.rsplit("-", 1)[0]
    assert [m.id for m in measures] == [f"{prefix}-{n:02d}" for n in range(1, count + 1)]


@pytest.mark.parametrize("doc_id", EXPECTED)
def test_every_measure_is_valid_and_sits_in_a_known_section(doc_id):
    result = imported(doc_id)
    headings = {s.heading: {sub.heading for sub in s.subsections} for s in result.sections}
    for m in result.measures:
        Measure.model_validate(m.model_dump())
        assert m.title and all(a.text for a in m.actions)
        assert m.section in headings
        assert m.subsection is None or m.subsection in headings[m.section]


def test_printed_numbers_run_on():
    assert [m.number for m in imported("cq2021").measures][:3] == ["1．", "2．", "3．"]
    assert imported("yz2021").measures[5].number == "6."  # printed "6. 进一步…"
    assert [m.number for m in imported("jlp2021").measures][-2:] == ["（十六）", "（十七）"]


@pytest.mark.parametrize("doc_id", EXPECTED)
def test_each_measure_holds_exactly_the_text_of_its_source_lines(doc_id):
    for m in imported(doc_id).measures:
        parts = [m.number, m.title] + [x or "" for a in m.actions for x in (a.text, a.lead, a.partners)]
        assert letters("".join(parts)) == letters(published_text(doc_id, m.source_lines)), m.id


@pytest.mark.parametrize("doc_id", EXPECTED)
def test_no_text_field_carries_layout_debris(doc_id):
    for text in all_text_fields(imported(doc_id)):
        assert "人民政府行政规范性文件" not in text
        assert "---" not in text and "##" not in text and "**" not in text
        assert "\n" not in text and text == text.strip()


# --- outline -----------------------------------------------------------------------------------


def test_sections_follow_the_top_level_headings():
    assert [s.heading for s in imported("yz2022").sections] == [
        "一、总体要求",
        "二、工作措施",
        "三、组织保障",
    ]
    assert [s.heading for s in imported("jj2022").sections] == [
        "一、总体要求",
        "二、重点任务",
        "三、组织保障",
    ]
    assert [s.heading for s in imported("jlp2021").sections][-1] == "七、强化保障机制"
    assert imported("yz2021").sections[0].heading == "一、构建高效便捷、规范有序的市场环境"
    assert all(s.part == "body" for doc_id in EXPECTED for s in imported(doc_id).sections)


def test_preamble_is_the_introduction_not_the_cover_letter():
    assert imported("cq2021").preamble == (
        "为深入贯彻落实《优化营商环境条例》，持续深化“放管服”改革，优化营商环境，激发市场活力，制定本实施方案。"
    )
    assert imported("yz2022").preamble == (
        "为贯彻落实《国务院关于开展营商环境创新试点工作的意见》（国发〔2021〕24号）和《重庆市人民政府关于印发重庆市营商环境创新试点实施方案的通知》（渝府发〔2022〕2号），深入推进我区营商环境创新试点工作，制定本实施方案。"
    )
    assert imported("jlp2021").preamble.startswith("为深入学习贯彻习近平总书记关于优化营商环境的重要论述")
    assert imported("jlp2021").preamble.endswith("结合我区实际，制定本实施方案。")


def test_text_section_paragraphs_become_subsections_with_their_lead_phrase():
    assert subsection("jj2022", "一、总体要求", "（二）工作目标").text == (
        "经过三至五年的创新试点，江津区营商环境竞争力跃居全市前列，政府治理效能全面提升，集聚和配置各类资源要素能力明显增强，"
        "市场主体活跃度和发展质量显著提高，率先建成市场化、法治化、国际化的一流营商环境，形成一系列可复制、可推广的制度创新成果，"
        "为全市营商环境建设作出重要示范。"
    )
    assert subsection("jlp2021", "七、强化保障机制", "（十九）分工协作推动政策落地").text == (
        "区发展改革委牵头负责全区优化营商环境的日常统筹协调工作，明确专人负责，形成高效运行的工作机制。"
        "区级有关部门单位要按照职责分工，明确专人负责，围绕市场主体需求，探索推出更多务实管用的创新举措，推进政策落地实施。"
    )
    # The bold markdown around 「（二）狠抓措施落实。」 is not part of the text.
    assert [s.heading for s in section("yz2021", "五、加强优化营商环境实施保障").subsections] == [
        "（一）加强组织领导",
        "（二）狠抓措施落实",
        "（三）强化督查督办",
        "（四）加大宣传力度",
    ]


def test_closing_sentence_goes_to_the_section_text():
    assert section("yz2022", "三、组织保障").text == "本实施方案自发布之日起施行。"


# --- hard cases ----------------------------------------------------------------------------------


def test_cq2021_subsection_names_its_lead_units_and_items_inherit_them():
    sub = subsection("cq2021", "二、打造高效的政务环境", "（四）推行优质高效税费服务")
    assert (sub.lead, sub.partners, sub.partners_label) == ("重庆市税务局、市财政局", None, None)
    item = measure("cq2021-30")
    assert item.subsection == "（四）推行优质高效税费服务"
    assert item.title == "压减税费缴纳次数和时间"
    assert item.actions[0].lead is None and item.actions[0].partners is None


def test_yz2021_subsection_lead_and_partners_are_split_even_across_a_page_break():
    # Line 105 ends 「…（牵头单位：区发展改革委，责任」, the page header follows, line 113 goes on 「单位：…」.
    sub = subsection("yz2021", "一、构建高效便捷、规范有序的市场环境", "（六）强化包容普惠创新")
    assert sub.lead == "区发展改革委"
    assert sub.partners == "区人力社保局、区科技局、区商务委等相关部门"
    assert sub.partners_label == "责任单位"


def test_yz2021_subsection_with_pdf_spaces_and_half_width_punctuation():
    sub = subsection("yz2021", "一、构建高效便捷、规范有序的市场环境", "（二）优化水电气接入服务")
    assert sub.lead == "区城管局、区经济信息委"
    assert sub.partners == "市区供电分公司、燃气集团渝中分公司、渝中区自来水厂"


def test_yz2021_item_continued_across_a_page_break():
    item = measure("yz2021-11")
    assert item.source_lines == "69-79"
    assert item.title == "完善银企融资对接机制"
    assert item.actions[0].text == (
        "加强线下对接服务，鼓励引导更多银行设立小微企业服务专柜。设立民营小微企业首贷续贷中心，推动创建金融服务港湾，"
        "进一步缓解企业融资难、融资贵问题。持续开展银企对接专项活动，引导企业积极参加“获得信贷”专题培训，"
        "通过互联网、宣传册等载体完善融资供需信息发布。鼓励引导银行机构依托“渝快融”“渝企金服”等平台，持续丰富产品供给，"
        "深化普惠金融服务。实现线上智能接合，加快推动“渝中融”特色平台建设，汇集银企融资信息，"
        "实现企业融资需求与金融机构融资产品精准智能对接。"
    )


def test_yz2021_item_cut_inside_a_word():
    assert measure("yz2021-05").actions[0].text.endswith("公积金账户注销等事项。")  # 「注」 | page | 「销」


def test_yz2021_items_with_their_own_unit_clause_carry_it_on_the_action():
    item = measure("yz2021-50")
    assert item.subsection == "（二）提供主动热情周到的企业服务"
    assert item.actions[0].text == (
        "完善组织架构、优化工作流程，推动区内现有企业服务工作力量和资源整合优化，探索实践优化提升企业服务工作新路。"
    )
    assert item.actions[0].lead == "区政务服务办"
    assert item.actions[0].partners == "各产业部门、各管委会、各街道"
    assert item.actions[0].partners_label == "责任单位"


def test_yz2022_paragraph_whose_unit_clause_is_cut_by_a_page_break():
    paragraph = measure("yz2022-body-06")
    assert paragraph.number == "（六）"
    assert paragraph.source_lines == "63-67"
    assert paragraph.title == "优化外商投资和国际人才服务管理"
    action = paragraph.actions[0]
    assert action.partners == "区商务委、区委组织部、区人力社保局、区政务服务办、区市场监管局等按职责分工负责"
    assert action.partners_label == "责任单位"
    assert action.text.endswith("探索将更多涉外审批服务事项纳入“一网通办”。")


def test_yz2022_paragraph_split_mid_word_before_its_unit_clause():
    paragraph = measure("yz2022-body-10")
    assert paragraph.source_lines == "91-107"
    assert paragraph.actions[0].text.endswith("建设“渝中融”平台，切实提升融资效率。")
    assert paragraph.actions[0].partners.startswith("区政务服务办、区税务局")


def test_yz2022_oddity_is_kept_and_noted():
    paragraph = measure("yz2022-body-08")
    assert "监管规则and标准" in paragraph.actions[0].text
    assert paragraph.notes == ["原文在中文中夹有英文「and」，照录。"]


def test_jlp2021_wrapped_paragraph_with_its_unit_clause():
    paragraph = measure("jlp2021-body-01")
    assert (paragraph.number, paragraph.section) == ("（一）", "二、营造优质有序的市场环境")
    assert paragraph.source_lines == "89-107"
    assert paragraph.title == "畅通市场准入"
    action = paragraph.actions[0]
    assert action.text == (
        "实施统一的市场准入负面清单制度，排查清理各类显性和隐性壁垒，推动“非禁即入”普遍落实。对标市级部署，"
        "对涉企经营许可事项实行清单管理，按照直接取消审批、审批改为备案、实行告知承诺、优化审批服务等方式推行改革，"
        "大力推动“照后减证”和简化审批。实施“一企一证”改革，进一步放宽开办企业住所登记条件，实现“一照通行”，"
        "推动“一照多址”“一址多照”。深化企业简易注销改革，建立简易注销容错机制，探索简化普通注销程序，"
        "畅通市场主体退出渠道，促进市场新陈代谢。"
    )
    assert action.partners == "区发展改革委、区商务委、区市场监管局等"
    assert action.partners_label == "责任单位"


def test_jlp2021_numbers_run_on_across_sections():
    assert [(m.number, m.section[:2]) for m in imported("jlp2021").measures[2:4]] == [
        ("（三）", "二、"),
        ("（四）", "三、"),
    ]
    assert all(m.actions[0].partners_label == "责任单位" for m in imported("jlp2021").measures)


def test_jlp2021_paragraph_with_a_pdf_space_before_a_quote():
    # Line 177 reads 「知识产权 “铁」, line 179 「拳”专项行动」.
    assert "知识产权“铁拳”专项行动" in measure("jlp2021-body-04").actions[0].text


def test_jj2022_paragraphs_have_no_units():
    assert all(a.partners is None and a.lead is None for m in imported("jj2022").measures for a in m.actions)


# --- findings ----------------------------------------------------------------------------------


def test_item_without_a_short_title_takes_its_first_sentence_and_is_reported():
    item = measure("cq2021-20")
    assert item.title.startswith("重点围绕科技创新、人才流动")
    assert item.notes == ["本条没有小标题，标题取首句。"]
    assert any(f.line == 29 and "首句很长" in f.message for f in imported("cq2021").findings)


def test_unit_clauses_cut_by_a_page_break_are_reported():
    assert any(f.line == 67 and "单位括注被分页截断" in f.message for f in imported("yz2022").findings)
    assert any(f.line == 113 and "单位括注被分页截断" in f.message for f in imported("yz2021").findings)


def test_tidy_documents_have_nothing_to_report():
    assert imported("jj2022").findings == []
    assert imported("jlp2021").findings == []
