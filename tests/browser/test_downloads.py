"""The Excel downloads, fetched by clicking their links (the browser's download, not a file read)
and read back with openpyxl."""

from pathlib import Path

from openpyxl import load_workbook
from playwright.sync_api import Page

DEPARTMENT = "yuzhong-cz"  # 渝中区财政局


def download(page: Page, link_text: str, folder: Path) -> Path:
    with page.expect_download() as event:
        page.locator("article").get_by_role("link", name=link_text, exact=True).first.click()
    target = folder / event.value.suggested_filename
    event.value.save_as(target)
    return target


def rows_by_measure(sheet) -> dict[str, list]:
    header = [cell.value for cell in sheet[1]]
    column = header.index("措施id")
    return {row[column]: dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=2, values_only=True)}


def test_catalogue_workbook_from_the_downloads_page(visit, resolved, tmp_path):
    file = download(visit("downloads/"), "全部举措（Excel）", tmp_path)
    workbook = load_workbook(file)
    assert workbook.sheetnames == [d.short_title for d in resolved.documents] + ["部门", "字段说明"]
    first = resolved.measures[0]
    row = rows_by_measure(workbook[first.document.short_title])[first.id]
    assert row["标题"] == first.measure.title and row["文件id"] == first.document.id
    assert workbook["部门"].max_row == len(resolved.departments) + 1


def test_department_workbook_from_its_page(visit, resolved, tmp_path):
    file = download(visit(f"departments/{DEPARTMENT}/"), "Excel", tmp_path)
    assert file.name == f"{DEPARTMENT}.xlsx"
    workbook = load_workbook(file)
    department = next(d for d in resolved.departments if d.id == DEPARTMENT)
    assert workbook.sheetnames == [department.name]
    rows = rows_by_measure(workbook[department.name])
    assert rows["yz2021-12"]["角色"] == "牵头" and rows["yz2021-12"]["牵头单位"] == department.name
