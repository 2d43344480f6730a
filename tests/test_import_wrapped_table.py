"""The Jiulongpo task list: a wrapped PDF table read back into one record per row, word for word."""

import re
import unicodedata
from pathlib import Path

import pytest

from reforms.catalogue.model import Measure
from reforms.editors.importer.wrapped_table import import_wrapped_table

SOURCES = Path(__file__).parent.parent / "catalogue" / "sources"
SOURCE_LINES = (SOURCES / "jiulongpo-2021-yingshang.txt").read_text(encoding="utf-8").splitlines()


@pytest.fixture(scope="module")
def result():
    return import_wrapped_table("jlp2021", SOURCE_LINES)


@pytest.fixture(scope="module")
def item(result):
    by_number = {measure.number: measure for measure in result.measures}
    return lambda number: by_number[str(number)]


def row(measure: Measure) -> tuple:
    action = measure.actions[0]
    return (
        measure.section,
        measure.title,
        measure.city_task,
        action.text,
        action.lead,
        action.partners,
        action.partners_label,
        measure.source_lines,
    )


def test_176_items_numbered_without_gaps(result):
    assert [m.number for m in result.measures] == [str(n) for n in range(1, 177)]
    assert [m.id for m in result.measures[:2]] == ["jlp2021-list-001", "jlp2021-list-002"]
    assert result.measures[-1].id == "jlp2021-list-176"
    assert {m.kind for m in result.measures} == {"list-item"}
    assert {m.document for m in result.measures} == {"jlp2021"}


def test_one_attachment_section_per_heading(result):
    assert [(s.heading, s.part) for s in result.sections] == [
        ("一、营造优质有序的市场环境", "attachment"),
        ("二、营造公平公正的法治环境", "attachment"),
        ("三、营造透明便利的开放环境", "attachment"),
        ("四、营造高效便捷的政务环境", "attachment"),
        ("五、营造风清气正的政商环境", "attachment"),
    ]
    assert {m.section for m in result.measures} == {s.heading for s in result.sections}


def test_item_1_wrapped_unit_names_rejoined(item):
    assert row(item(1)) == (
        "一、营造优质有序的市场环境",
        "实施全国统一的市场准入负面清单制度",
        "实施全国统一的市场准入负面清单制度，清理违规设立的市场准入许可及其他形式的负面清单。",
        "严格贯彻落实全国统一的市场准入负面清单制度，强化对违规设立的市场准入许可及其他形式的负面清单的清理工作。",
        "区发展改革委、区商务委",
        "区住房城乡建委、区规划自然资源局等区级相关部门",
        "配合单位",
        "501-522",
    )


def test_item_3_ends_right_before_the_page_break_header(item):
    assert row(item(3)) == (
        "一、营造优质有序的市场环境",
        "实行涉企经营许可事项清单管理",
        "实行涉企经营许可事项清单管理，逐项明确事项名称、设定依据、审批层级和部门、改革方式、改革举措、"
        "事中事后监管措施等内容，清单实行动态调整更新并接受社会监督。",
        "贯彻落实市级部署，实行涉企经营许可事项清单管理，逐项明确事项名称、设定依据、审批层级和部门、"
        "改革方式、改革举措、事中事后监管措施等内容。",
        "区发展改革委、区司法局、区市场监管局、区政务办",
        "区公安分局、区民政局、区财政局、区人力社保局、区规划自然资源局等涉及行政许可单位",
        "配合单位",
        "547-578",
    )


def test_item_4_starts_after_the_page_break_header(item):
    assert row(item(4)) == (
        "一、营造优质有序的市场环境",
        "对所有涉企经营许可事项按照直接取消审批、审批改为备案、实行告知承诺、优化审批服务等方式分类实施改革",
        "对所有涉企经营许可事项按照直接取消审批、审批改为备案、实行告知承诺、优化审批服务等方式分类实施改革。",
        "按照市级要求，对所有涉企经营许可事项按照直接取消审批、审批改为备案、实行告知承诺、优化审批服务等方式"
        "分类实施改革。按照国务院药品监督管理部门的规定，对产品安全性、有效性不受流通过程影响的第二类医疗器械，"
        "免于经营备案。通过加强事中事后监管，对食品经营许可变更或延续（仅限经营地点、条件和许可项目未发生变化）"
        "等许可事项审批实行告知承诺制，从受理到发证，1个工作日办结。严格对涉企经营许可事项直接取消审批、"
        "审批改为备案、实行告知承诺、优化审批服务等方式的合法性审查。",
        "区发展改革委、区司法局、区市场监管局、区政务办",
        "区公安分局、区民政局、区财政局、区人力社保局、区规划自然资源局等涉及行政许可单位",
        "配合单位",
        "581-624",
    )


def test_item_7_has_no_partners(item):
    assert row(item(7)) == (
        "一、营造优质有序的市场环境",
        "完善企业名称筛查规则",
        "完善企业名称筛查规则，提升自主申报系统智能化水平。",
        "按照企业名称筛查规则，可对全区各类企业实行名称自主申报，自查自得。",
        "区市场监管局",
        None,
        None,
        "669-680",
    )


def test_item_9_cell_goes_on_after_a_blank_line(item):
    action = item(9).actions[0]
    assert action.text == (
        "推广应用开办企业“一网通”平台功能，推动同步发放电子营业执照和电子印章，实现手机端开办企业“E企办”，"
        "协助推进平台功能优化。"
    )


def test_item_25_city_task_cut_after_30_percent_is_rejoined(item):
    assert (
        item(25).city_task
        == "提高政府采购预付款比例，推动实现预付款支付比例不低于30%（中小企业不低于50%），减轻中标企业资金压力。"
    )
    assert item(25).actions[0].partners == "区各采购单位、政府采购代理机构"


def test_item_47_city_task_continues_in_the_next_run(item):
    assert item(47).title == "上线全国中小企业融资信用综合服务平台（重庆站）"
    assert item(47).actions[0].text.endswith("注册企业50家。")


def test_item_62_lead_and_partners_printed_on_one_line(item):
    assert (item(62).actions[0].lead, item(62).actions[0].partners) == ("区医保局", "各镇街")


def test_item_63_first_under_the_second_heading(item):
    assert row(item(63)) == (
        "二、营造公平公正的法治环境",
        "构建电子诉讼体系",
        "构建电子诉讼体系，凡在线提供有效电子资料的，不再要求提供纸质材料，推进全流程网上办案、网上缴费。",
        "推进诉讼服务电子化，凡在线提供有效电子资料的，不再要求提供纸质材料，推进全流程网上办案、网上缴费。",
        "区法院",
        "区市场监管局、九龙坡不动产登记中心、区税务局",
        "配合单位",
        "1919-1938",
    )


def test_item_94_under_the_third_heading_city_task_rejoined(item):
    assert row(item(94)) == (
        "三、营造透明便利的开放环境",
        "做大做强西部陆海新通道",
        "做大做强西部陆海新通道，统筹推进“一主两辅多节点”枢纽体系和境内外分拨集散中心建设，强化多式联运衔接，"
        "推广多式联运“一单制”，加强与沿海、沿边、沿江节点联动和国际合作，持续降低综合运价水平，提升物流服务效能。",
        "推进黄磏港建设，构建多式联运体系，降低片区物流成本，全力打造区域货运枢纽优势地位。",
        "区交通局、重庆铝产业开发投资集团",
        None,
        None,
        "2575-2597",
    )


def test_item_122_under_the_fourth_heading(item):
    measure = item(122)
    assert measure.section == "四、营造高效便捷的政务环境"
    assert (measure.actions[0].lead, measure.actions[0].partners) == ("区政务办", "各镇街")


def test_last_item(item):
    assert row(item(176)) == (
        "五、营造风清气正的政商环境",
        "将整治损害营商环境的作风问题纳入纠治“四风”重要内容",
        "将整治损害营商环境的作风问题纳入纠治“四风”重要内容，聚焦行政审批、招商引资等重点领域和关键环节，"
        "大力纠治慵懒散拖、吃拿卡要等行为。",
        "以深化作风建设为抓手，坚决整治损害营商环境的作风和腐败问题。聚焦行政审批、招商引资等重点领域和关键环节，"
        "大力纠治服务市场主体庸懒散拖、暗箱操作、推诿扯皮、失职渎职等形式主义、官僚主义问题；严肃查处利用服务"
        "市场主体职务便利，吃拿卡要，收受礼品礼金等问题。严肃查处违规插手干预企业正常生产经营，搞权钱交易、"
        "商业贿赂，利用中介机构设租寻租，破坏市场秩序的涉黑涉恶腐败和“保护伞”等问题。",
        "区纪委监委机关",
        None,
        None,
        "4428-4457",
    )
    assert item(176).notes == [
        "市级工作任务原文作“慵懒散拖”，区级贯彻措施作“庸懒散拖”，两处写法不同，均照录。"
    ]


def test_typos_stay_as_published_and_are_noted(item):
    assert "不停单作业" in item(37).actions[0].text
    assert any("不停单作业" in note for note in item(37).notes)


def all_text_fields(measure: Measure) -> list[str]:
    action = measure.actions[0]
    fields = [measure.title, measure.city_task, action.text, action.lead, action.partners]
    return [value for value in fields if value is not None]


def test_no_layout_debris_in_any_field(result):
    for measure in result.measures:
        for value in all_text_fields(measure):
            assert value and value == value.strip()
            assert "市级工作任务" not in value and "序号" not in value
            assert not re.search(r"[\n\t]", value)
            assert not re.search(r"— *\d+ *—", value)


def test_every_unit_cell_looks_like_unit_names(result):
    unit_names = re.compile(
        r"^[^。；，：\s]+(局|委|办|中心|镇街|部门|单位|机构|公司|集团|主体|院|部|联|办公室|机关|所)$"
    )
    for measure in result.measures:
        action = measure.actions[0]
        assert unit_names.match(action.lead), (measure.number, action.lead)
        assert action.partners is None or unit_names.match(action.partners), (measure.number, action.partners)
        assert (action.partners_label == "配合单位") == (action.partners is not None)


def test_title_is_the_city_tasks_first_clause(result):
    for measure in result.measures:
        assert measure.city_task.startswith(measure.title)
        assert not re.search(r"[，；。]", measure.title)
        rest = measure.city_task[len(measure.title) :]
        assert rest == "" or rest[0] in "，；。"


def letters_and_digits(text: str) -> str:
    return "".join(c for c in text if unicodedata.category(c)[0] in "LN")


def test_records_account_for_every_character_of_the_table_once(result):
    first_line = int(result.measures[0].source_lines.split("-")[0])
    number_lines = {int(m.source_lines.split("-")[0]) for m in result.measures}
    headings = {s.heading for s in result.sections}
    table = [
        text
        for line_number, text in enumerate(SOURCE_LINES[first_line - 1 :], start=first_line)
        if line_number not in number_lines
        and text.strip() not in headings
        and "市级工作任务" not in text
        and not re.fullmatch(r"\s*— *\d+ *—\s*", text)
    ]
    records = [
        value
        for m in result.measures
        for value in (m.city_task, m.actions[0].text, m.actions[0].lead, m.actions[0].partners or "")
    ]
    assert letters_and_digits("".join(records)) == letters_and_digits("".join(table))


def test_uncertain_rows_are_reported(result):
    reported = {(f.line, f.message.split("：")[0]) for f in result.findings}
    assert {
        (722, "第 9 项"),
        (1080, "第 25 项"),
        (1601, "第 47 项"),
        (1916, "第 62 项"),
        (2313, "第 81 项"),
        (2584, "第 94 项"),
        (3239, "第 122 项"),
    } <= reported


def test_a_row_whose_number_is_lost_is_refused_not_merged_silently():
    without_number = [line for line in SOURCE_LINES if line.strip() != "100"]
    with pytest.raises(ValueError, match="表格文字出现在序号之前"):
        import_wrapped_table("jlp2021", without_number)


def test_a_shorter_table_of_the_same_layout_imports():
    without_tail = SOURCE_LINES[: SOURCE_LINES.index("176 ")]
    result = import_wrapped_table("jlp2021", without_tail)
    assert len(result.measures) == 175
