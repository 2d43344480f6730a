"""Links between site files, as pages write them."""

from reforms.site.paths import docs_link


def test_a_link_names_its_file_from_the_top_of_the_docs_and_keeps_its_anchor():
    assert docs_link("sources/yz2021/#L150-L153") == "/sources/yz2021/index.md#L150-L153"
    assert docs_link("measures/yz2021-01/") == "/measures/yz2021-01/index.md"
    assert docs_link("") == "/index.md"
    assert docs_link("downloads/departments/yuzhong-scjg.csv") == "/downloads/departments/yuzhong-scjg.csv"
