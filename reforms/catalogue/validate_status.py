"""Checks of the implementation status of each action: what a single action's schema cannot see.

A status is dated when it says 已完成; a date lies between the document's date and today; dates,
notes and evidence belong to a status that is written out.
"""

from __future__ import annotations

import datetime

from reforms.catalogue.load import Catalogue, Located
from reforms.catalogue.lookup import first_by_id
from reforms.catalogue.model import Action, Document
from reforms.catalogue.yamlio import Problem


def check_statuses(catalogue: Catalogue, today: datetime.date | None = None) -> list[Problem]:
    documents = first_by_id(catalogue.documents)
    today_text = (today or datetime.date.today()).isoformat()
    problems = []
    for located in catalogue.measures:
        document = documents.get(located.record.document)
        for index, action in enumerate(located.record.actions):
            problems += check_action(located, index, action, document, today_text)
    return problems


def check_action(located: Located, index: int, action: Action, document: Document | None, today: str) -> list[Problem]:
    path = ("actions", index)
    problems = []
    if action.status == "已完成" and not action.status_date:
        hint = "加一行 status_date: 'YYYY-MM-DD'，写报告完成的日期"
        problems.append(located.problem((*path, "status"), "状态为“已完成”，但没有写完成日期 status_date", hint))
    if action.status is None and (action.status_date or action.status_note or action.evidence):
        hint = "加一行 status: 推进中（或 已完成、长期推进、已调整、已终止）；没有进展可报时删去这些字段"
        problems.append(located.problem(path, "写了状态日期、说明或佐证，却没有写状态 status", hint))
    date = action.status_date
    if date and date > today:
        hint = "写报告或来源的实际日期，不能预填将来的日期"
        problems.append(located.problem((*path, "status_date"), f"状态日期 {date} 在将来", hint))
    elif date and document is not None and document.date and date < document.date:
        hint = "状态只能记在文件印发之后；核对日期"
        message = f"状态日期 {date} 早于文件 {document.id} 的成文日期 {document.date}"
        problems.append(located.problem((*path, "status_date"), message, hint))
    return problems
