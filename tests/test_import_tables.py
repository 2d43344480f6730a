"""The two cell-table layouts, imported from the real sources: what an editor would check by hand."""

from functools import cache
from pathlib import Path

import pytest

from reforms.catalogue.model import Action, Measure
from reforms.editors.importer import ImportResult
from reforms.editors.importer.cell_table import import_cell_lines, import_tab_rows

SOURCES = Path(__file__).parent.parent / "catalogue" / "sources"


def source_lines(name: str) -> list[str]:
    return (SOURCES / name).read_text(encoding="utf-8").splitlines()


@cache
def yuzhong() -> ImportResult:
    return import_tab_rows("yz2022", source_lines("yuzhong-2022-pilot.txt"))


@cache
def jiangjin() -> ImportResult:
    return import_cell_lines("jj2022", source_lines("jiangjin-2022-pilot.txt"))


def item(result: ImportResult, number: int) -> Measure:
    return result.measures[number - 1]


def finding_at(result: ImportResult, line: int) -> str:
    (message,) = [f.message for f in result.findings if f.line == line]
    return message


# ---------------------------------------------------------------- counts and numbering


@pytest.mark.parametrize(
    ("result", "doc_id", "count"),
    [(yuzhong, "yz2022", 77), (jiangjin, "jj2022", 70)],
)
def test_every_item_once_numbered_as_printed(result, doc_id, count):
    measures = result().measures
    assert len(measures) == count
    assert [m.number for m in measures] == [str(n) for n in range(1, count + 1)]
    assert [m.id for m in measures] == [f"{doc_id}-list-{n:03d}" for n in range(1, count + 1)]
    assert {m.kind for m in measures} == {"list-item"}


def test_yuzhong_has_one_section_named_after_the_attachment():
    result = yuzhong()
    assert [(s.heading, s.part) for s in result.sections] == [
        ("首批营商环境创新试点改革事项清单", "attachment")
    ]
    assert {m.section for m in result.measures} == {"首批营商环境创新试点改革事项清单"}


def test_jiangjin_items_sit_under_their_headings():
    result = jiangjin()
    headings = [s.heading for s in result.sections]
    assert len(headings) == 10
    assert headings[0] == "一、进一步破除区域分割和地方保护等不合理限制"
    assert headings[-1] == "十、优化经常性涉企服务"
    assert item(result, 5).section == headings[0]
    assert item(result, 6).section == "二、健全更加开放透明、规范高效的市场主体准入和退出机制"
    assert item(result, 70).section == headings[-1]


# ---------------------------------------------------------------- 渝中区: rows with an empty 序号


def test_yuzhong_item_3_has_two_actions_each_with_its_lead():
    measure = item(yuzhong(), 3)
    assert measure.title == "清除招投标和政府采购领域对外地企业设置的隐性门槛和壁垒"
    assert measure.source_lines == "152-153"
    assert measure.actions == [
        Action(
            text="清理政府采购中排斥外地投标人的行为，细化具体清理取消的事项和措施，禁止采购人在政府采购活动中"
            "要求投标供应商在本地设立分公司或办事处，协调、指导采购人和采购代理机构落实相关要求。"
            "制定工程建设项目招投标领域营商环境专项整治工作方案，对要求投标人在项目所在地或采购人所在地"
            "注册设立分公司、在本地缴纳社会保险等行为进行清理整治。",
            lead="区财政局",
        ),
        Action(
            text="制定工程建设项目招投标领域营商环境专项整治工作方案，对要求投标人在项目所在地或采购人所在地"
            "注册设立分公司、在本地缴纳社会保险等行为进行清理整治。",
            lead="区发展改革委",
        ),
    ]
    # the second action's sentence is printed inside the first one as well: kept, and noted
    assert measure.notes == ["原文第 1 条举措（区财政局）中含有第 2 条举措（区发展改革委）的全文，照录。"]
    assert "判为同一事项的另一条举措" in finding_at(yuzhong(), 153)


def test_yuzhong_item_43_has_four_actions():
    measure = item(yuzhong(), 43)
    assert measure.title == "探索实行惩罚性赔偿和内部举报人制度"
    assert [a.lead for a in measure.actions] == ["区市场监管局", "区市场监管局", "区生态环境局", "区应急局"]
    assert [a.text for a in measure.actions] == [
        "建立食品领域内部举报人和惩罚性赔偿制度，发挥内部举报人的社会监督作用，通过惩罚性赔偿、"
        "案件信息曝光等方式加大对违法行为的震慑力度。",
        "贯彻落实市级出台的药品领域惩罚性赔偿制度和创新举措。探索建立食品药品领域消费者集体诉讼制度，"
        "制定内部举报人制度。",
        "建立在生态环境损害赔偿中探索实行惩罚性赔偿工作协调机制。制定在生态环境损害赔偿中探索实行惩罚性"
        "赔偿的相关文件。执行市生态环境局修订的《重庆市生态环境违法行为有奖举报办法》。",
        "建立相关部门参与的安全生产领域惩罚性赔偿协调机制，组织开展专题调研，结合实际制定我区安全生产领域"
        "惩罚性赔偿相关文件。建立安全生产领域内部举报人制度协调机制，根据《重庆市安全生产领域举报奖励办法》"
        "实施情况，进一步完善相关制度措施。",
    ]
    assert measure.source_lines == "235-238"


def test_yuzhong_item_5_text_continues_after_a_page_break():
    # line 155 ends "…开展客货运输电子"; after the page header, line 161 is "\t\t证照跨区域互认与核验工作。\t"
    measure = item(yuzhong(), 5)
    assert measure.source_lines == "155-161"
    assert measure.actions == [
        Action(
            text="推动道路运输从业人员从业资格证、巡游出租汽车驾驶员证、网络预约出租汽车驾驶员证、道路运输经营许可证、"
            "网络预约出租汽车经营许可证、道路危险货物运输许可证、放射性物品道路运输许可证、道路运输证、"
            "网络预约出租汽车运输证等9类电子证照项目全国互认，推动营运客车二维码、国内水路运输经营许可证、"
            "船舶营业运输证、内河船舶证书信息簿等4类电子证照全市互认。配合市交通局推进电子证照系统开发建设，"
            "加强宣传推广，严格按照市级部门要求开展客货运输电子证照跨区域互认与核验工作。",
            lead="区交通局",
        )
    ]
    assert "判为上一行被分页截断的续行" in finding_at(yuzhong(), 161)


def test_yuzhong_item_14_title_and_text_both_continue_after_a_page_break():
    # line 172: "建立市场准入" / "…进行定期排"; line 178: "效能评估制度" / "查。…"
    measure = item(yuzhong(), 14)
    assert measure.title == "建立市场准入效能评估制度"
    assert measure.actions == [
        Action(
            text="对违反市场准入负面清单有关规定的案例进行定期排查。根据市场准入效能综合评估指标框架，"
            "组织开展区级层面试评估工作。",
            lead="区发展改革委",
        )
    ]
    assert measure.source_lines == "172-178"
    assert "判为上一行被分页截断的续行" in finding_at(yuzhong(), 178)


def test_yuzhong_lead_cut_by_a_page_break_is_joined_and_reported():
    measure = item(yuzhong(), 39)
    assert measure.title == "推进招投标全流程电子化改革"
    assert measure.actions[0].lead == "区公共资源交易监管局 区财政局 区公共资源交易中心"
    assert "本行牵头单位也接在上一行牵头单位之后" in finding_at(yuzhong(), 230)


def test_yuzhong_every_row_without_a_number_is_reported():
    lines = source_lines("yuzhong-2022-pilot.txt")
    unnumbered = [n for n, line in enumerate(lines, start=1) if line.startswith("\t")]
    reported = {f.line for f in yuzhong().findings if "序号为空的行" in f.message}
    assert reported == set(unnumbered)


def test_yuzhong_item_printed_twice_is_kept_and_noted():
    assert item(yuzhong(), 76).title == item(yuzhong(), 29).title
    assert item(yuzhong(), 76).notes == ["本项改革事项和具体举措与第 29 项完全相同，原文如此，照录。"]


# ---------------------------------------------------------------- 江津区


def test_jiangjin_number_40_printed_twice_is_one_item_with_six_actions():
    measure = item(jiangjin(), 40)
    assert measure.title == "在部分重点领域建立事前事中事后全流程监管机制"
    assert measure.source_lines == "410-450"
    assert [a.lead for a in measure.actions] == [
        "江津消防救援支队",
        "江津区市场监管局",
        "区生态环境局",
        "区水利局",
        "区卫生健康委",
        "江津区市场监管局",
    ]
    assert measure.actions[3].text.startswith("充分发挥水土保持委员会的统筹协调作用")
    assert (measure.actions[3].scope, measure.actions[3].due) == ("全区", "2022年6月")
    assert measure.notes == [
        "原文第 431 行重复印出序号“40”和改革事项“在部分重点领域建立事前事中事后全流程监管机制”，"
        "其下为本项第 4 条举措；按同一事项录入。"
    ]
    assert finding_at(jiangjin(), 431) == "第 40 项：序号和改革事项重复印出，判为同一事项的第 4 条举措"


def test_jiangjin_item_3_has_a_second_action_with_its_own_lead_and_date():
    measure = item(jiangjin(), 3)
    assert measure.source_lines == "95-107"
    assert measure.actions == [
        Action(
            text="出台政策文件、组织宣传培训、争取指导支持", lead="区财政局", scope="全区", due="2022年6月"
        ),
        Action(
            text="强化工程建设项目招投标领域营商环境整治，对要求投标人在项目所在地或采购人所在地注册设立分公司、"
            "在本地缴纳社会保险等行为进行清理整治。",
            lead="区发展改革委",
            scope="全区",
            due="已完成",
        ),
    ]
    assert "判为第 2 条举措" in finding_at(jiangjin(), 102)


def test_jiangjin_empty_cells_stay_empty():
    measure = item(jiangjin(), 26)
    assert measure.actions == [
        Action(
            text="江津综保区网内企业推广应用“两步申报”“提前申报”等各项措施，促进货物快速通关。",
            lead="江津综保区管委会",
        )
    ]
    assert finding_at(jiangjin(), 275) == "第 26 项：适用范围一格为空，留空不填"
    assert finding_at(jiangjin(), 276) == "第 26 项：时间节点一格为空，留空不填"


def test_jiangjin_cells_continued_after_a_blank_line():
    assert item(jiangjin(), 57).title == "探索将遗产管理人制度引入不动产非公证继承登记"
    assert item(jiangjin(), 51).actions[0].text == (
        "建立工作机制，成立人民法院专递面单电子化改革领导小组和工作专班，出台《人民法院专递面单电子化改革》"
        "实施方案，实行项目化管理，挂图作战。选择一个庭室开展试点工作，结合试点运行情况，进一步改进工作机制"
        "并优化完善相关系统后，在本院范围内推广适用。"
    )
    assert {556, 601} <= {f.line for f in jiangjin().findings}


def test_jiangjin_dates_and_scopes_are_verbatim():
    assert item(jiangjin(), 21).actions[0].scope == "江津区属建筑业企业"
    assert item(jiangjin(), 21).actions[0].due == "2022年2月起"
    assert item(jiangjin(), 29).actions[0].due == "长期开展"
    assert item(jiangjin(), 15).actions[0].lead == "区城市管理局，区经济信息委"


def test_jiangjin_table_ends_before_the_printing_footer():
    last = item(jiangjin(), 70)
    assert last.source_lines == "698-703"
    assert last.actions[0].due == "2022年5月"


# ---------------------------------------------------------------- no debris anywhere


def text_fields(measure: Measure) -> list[str]:
    fields = [measure.number, measure.title, measure.section]
    for action in measure.actions:
        fields += [
            value for value in (action.text, action.lead, action.scope, action.due) if value is not None
        ]
    return fields


@pytest.mark.parametrize("result", [yuzhong, jiangjin])
def test_no_layout_debris_in_any_text_field(result):
    for measure in result().measures:
        for value in text_fields(measure):
            assert value, measure.id
            assert value == value.strip(), measure.id
            for debris in ("行政规范性文件", "---", "##", "序号", "\t", "\n", "<b>"):
                assert debris not in value, (measure.id, debris, value)
