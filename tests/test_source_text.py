"""Source texts for readers (reforms.site.source_text) and Chinese line breaks (reforms.site.chinese_text)."""

from reforms.site.chinese_text import join_chinese_lines
from reforms.site.source_text import cited_passages, numbered_lines, range_anchor

HEADER = "## 重庆市渝中区人民政府行政规范性文件"
TEXT = "\n".join(
    [
        HEADER, "", "---", "", HEADER, "", "---",  # 1–7: page headers and rules
        "### 一、构建市场环境",  # 8
        "1.优化开办企业服务，创新推进",  # 9
        "企业集群注册登记， 破解“场地难”",  # 10
        "问题。 ",  # 11
        "",  # 12
        HEADER,  # 13
        "<b>序号</b>\t<b>改革事项</b>\t<b>渝中具体举措</b>",  # 14
        "3\t开办企业\t推行 e 窗通 CA 证书",  # 15
    ]
)


def test_cited_lines_lose_the_debris_and_keep_their_numbers():
    passages = cited_passages(TEXT, "1-15")
    assert [(p.first, p.last) for p in passages] == [(8, 11), (15, 15)]
    assert passages[0].text == "一、构建市场环境1.优化开办企业服务，创新推进企业集群注册登记，破解“场地难”问题。"
    assert passages[1].text == "3\u3000开办企业\u3000推行e窗通CA证书"  # cells apart; no gaps beside Chinese


def test_a_single_cited_line():
    assert [(p.first, p.text) for p in cited_passages(TEXT, "9")] == [(9, "1.优化开办企业服务，创新推进")]


def test_every_line_is_numbered_and_each_cited_range_has_an_anchor():
    lines = numbered_lines(TEXT, ["9-11", "15", "9-10"])
    assert [line.number for line in lines] == list(range(1, 16))
    assert lines[8].anchors == ("L9-L10", "L9-L11") and lines[14].anchors == ()  # one line: #L15 itself
    assert lines[10].text == "问题。"
    assert range_anchor("150-153") == "L150-L153" and range_anchor("7") == "L7" and range_anchor("7-7") == "L7"


def test_line_breaks_inside_chinese_are_joined_outside_code():
    html = "<p>整理成数据，\n便于查阅。见<a href=\"x\">编辑指南</a>\n和 JSON\n文件</p><pre>甲\n乙</pre><code>丙\n丁</code>"
    assert join_chinese_lines(html) == "<p>整理成数据，便于查阅。见<a href=\"x\">编辑指南</a>和 JSON\n文件</p><pre>甲\n乙</pre><code>丙\n丁</code>"

